<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Blackbird::BatchBar</name>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Ausblenden</translation>
    </message>
    <message>
        <source>Hide this alert until the next failure (Esc)</source>
        <translation>Diese Meldung bis zum nächsten Fehler ausblenden (Esc)</translation>
    </message>
    <message>
        <source>Batch &lt;b&gt;%1&lt;/b&gt; · Operator &lt;b&gt;%2&lt;/b&gt; · Station &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>Charge &lt;b&gt;%1&lt;/b&gt; · Bediener &lt;b&gt;%2&lt;/b&gt; · Station &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>✔ %1 passed   ✖ %2 failed   ▶ %3 running   %4 skipped</source>
        <translation>✔ %1 bestanden   ✖ %2 fehlgeschlagen   ▶ %3 laufen   %4 übersprungen</translation>
    </message>
    <message>
        <source>%1 devices/hour</source>
        <translation>%1 Geräte/Stunde</translation>
    </message>
    <message>
        <source>FIELD SERVICE: %1 — %2</source>
        <translation>SERVICE: %1 — %2</translation>
    </message>
    <message>
        <source>(%1 failures since the last dismiss)</source>
        <translation>(%1 Fehler seit dem letzten Ausblenden)</translation>
    </message>
    <message>
        <source>%1 failed at %2: %3</source>
        <translation>%1 fehlgeschlagen bei %2: %3</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>No new device starts: %1</source>
        <translation>Kein neues Gerät startet: %1</translation>
    </message>
</context>
<context>
    <name>Blackbird::ConnectionTest</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Registration service</source>
        <translation>Registrierungsdienst</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Gerätetyp</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>The registration URL &quot;%1&quot; is not a URL. Enter it as https://host:port/v1/registrations.</source>
        <translation>Die Registrierungs-URL „%1“ ist keine URL. Geben Sie sie als https://host:port/v1/registrations ein.</translation>
    </message>
    <message>
        <source>The registration URL must start with https://; the station never sends the API key unencrypted.</source>
        <translation>Die Registrierungs-URL muss mit https:// beginnen; die Station sendet den API-Schlüssel nie unverschlüsselt.</translation>
    </message>
    <message>
        <source>%1 is an IP address; no DNS lookup needed.</source>
        <translation>%1 ist eine IP-Adresse; keine DNS-Abfrage nötig.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>%1 wird aufgelöst…</translation>
    </message>
    <message>
        <source>The host name %1 could not be resolved (%2). Check the URL and the station&apos;s network and DNS settings.</source>
        <translation>Der Hostname %1 konnte nicht aufgelöst werden (%2). Prüfen Sie die URL sowie die Netzwerk- und DNS-Einstellungen der Station.</translation>
    </message>
    <message>
        <source>%1 resolves to %2.</source>
        <translation>%1 wird zu %2 aufgelöst.</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2. Check that the CA file is the one that signed the service&apos;s certificate and that the URL&apos;s host name is in it.</source>
        <translation>Der TLS-Handshake mit %1 ist fehlgeschlagen: %2. Prüfen Sie, ob die CA-Datei von der CA stammt, die das Zertifikat des Dienstes signiert hat, und ob der Hostname der URL darin enthalten ist.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at %1 (connection refused). Is the registration service running, and is the port right?</source>
        <translation>Unter %1 nimmt nichts Verbindungen an (Verbindung abgelehnt). Läuft der Registrierungsdienst, und stimmt der Port?</translation>
    </message>
    <message>
        <source>The host %1 was not found.</source>
        <translation>Der Host %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 seconds. Check the network path (firewall, proxy).</source>
        <translation>%1 hat nicht innerhalb von %2 Sekunden geantwortet. Prüfen Sie den Netzwerkweg (Firewall, Proxy).</translation>
    </message>
    <message>
        <source>%1 closed the connection: %2</source>
        <translation>%1 hat die Verbindung geschlossen: %2</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>TLS handshake verified against the configured CA (%1).</source>
        <translation>TLS-Handshake gegen die eingestellte CA geprüft (%1).</translation>
    </message>
    <message>
        <source>The registration service answers but its database does not (503). Devices cannot be registered until it is back.</source>
        <translation>Der Registrierungsdienst antwortet, seine Datenbank aber nicht (503). Bis sie wieder verfügbar ist, können keine Geräte registriert werden.</translation>
    </message>
    <message>
        <source>%1 answered %2 to the health check; is this the registration service?</source>
        <translation>%1 hat auf die Zustandsprüfung mit %2 geantwortet; ist das der Registrierungsdienst?</translation>
    </message>
    <message>
        <source>The registration service is up and its database answers.</source>
        <translation>Der Registrierungsdienst läuft und seine Datenbank antwortet.</translation>
    </message>
    <message>
        <source>No API key to test: type one in the API key field or store one in the keychain first.</source>
        <translation>Kein API-Schlüssel zum Testen: Geben Sie zuerst einen im Feld „API-Schlüssel“ ein oder legen Sie einen im Schlüsselbund ab.</translation>
    </message>
    <message>
        <source>Checking the API key…</source>
        <translation>API-Schlüssel wird geprüft…</translation>
    </message>
    <message>
        <source>The service received no API key. Enter the key again.</source>
        <translation>Der Dienst hat keinen API-Schlüssel erhalten. Geben Sie den Schlüssel erneut ein.</translation>
    </message>
    <message>
        <source>The service does not know this API key (%1). Check the key with whoever issued it; keys are per deployment.</source>
        <translation>Der Dienst kennt diesen API-Schlüssel nicht (%1). Klären Sie den Schlüssel mit seinem Aussteller; Schlüssel gelten jeweils nur für eine Installation.</translation>
    </message>
    <message>
        <source>The key is known but has used up its rate allowance (429); try again in a minute.</source>
        <translation>Der Schlüssel ist bekannt, hat aber sein Anfragekontingent ausgeschöpft (429); versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <source>The API key is accepted.</source>
        <translation>Der API-Schlüssel wird akzeptiert.</translation>
    </message>
    <message>
        <source>Unexpected answer %1 %2 to the API key check.</source>
        <translation>Unerwartete Antwort %1 %2 auf die Prüfung des API-Schlüssels.</translation>
    </message>
    <message>
        <source>The device type &quot;%1&quot; is not valid: use 1 to 64 characters of a-z, 0-9, dot, underscore and hyphen.</source>
        <translation>Der Gerätetyp „%1“ ist ungültig: Verwenden Sie 1 bis 64 Zeichen aus a-z, 0-9, Punkt, Unterstrich und Bindestrich.</translation>
    </message>
    <message>
        <source>Connection works: DNS, TLS, service and API key passed. Whether the key may register %1 is known only when the first device registers (the service offers no check that registers nothing).</source>
        <translation>Die Verbindung funktioniert: DNS, TLS, Dienst und API-Schlüssel bestanden. Ob der Schlüssel %1 registrieren darf, zeigt sich erst, wenn sich das erste Gerät registriert (der Dienst bietet keine Prüfung, die nichts registriert).</translation>
    </message>
    <message>
        <source>every device type</source>
        <translation>jeden Gerätetyp</translation>
    </message>
</context>
<context>
    <name>Blackbird::DeviceBoardModel</name>
    <message>
        <source>Identify</source>
        <translation>Identifizieren</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Transfer claim</source>
        <translation>Claim übertragen</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Start provisioning</source>
        <translation>Provisionierung starten</translation>
    </message>
    <message>
        <source>Fleet handshake</source>
        <translation>Flotten-Handshake</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Protokollieren</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Rotieren</translation>
    </message>
    <message>
        <source>Replace claim</source>
        <translation>Claim ersetzen</translation>
    </message>
    <message>
        <source>Erase claim</source>
        <translation>Claim löschen</translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation>Wartet auf Start</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>Bestanden (%1)</translation>
    </message>
    <message>
        <source>Failed at %1</source>
        <translation>Fehlgeschlagen bei %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Skipped: already provisioned</source>
        <translation>Übersprungen: bereits provisioniert</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 von %3)</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>%1, %2%</source>
        <translation>%1, %2 %</translation>
    </message>
    <message>
        <source>Stopped at %1</source>
        <translation>Angehalten bei %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>vor %1 abgelaufen</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Dauer bisher</translation>
    </message>
    <message>
        <source>Device uuid</source>
        <translation>Geräte-UUID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>USB serial</source>
        <translation>USB-Seriennummer</translation>
    </message>
    <message>
        <source>Claim certificate</source>
        <translation>Claim-Zertifikat</translation>
    </message>
    <message>
        <source>Ownership token</source>
        <translation>Besitz-Token</translation>
    </message>
    <message numerus="yes">
        <source>expired %n days ago</source>
        <translation>
            <numerusform>vor %n Tag abgelaufen</numerusform>
            <numerusform>vor %n Tagen abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days left</source>
        <translation>
            <numerusform>noch %n Tag</numerusform>
            <numerusform>noch %n Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Blackbird::DeviceBoardView</name>
    <message>
        <source>Device board</source>
        <translation>Geräteübersicht</translation>
    </message>
    <message>
        <source>No device connected yet.
Plug a device into a USB port of this station; it appears here within a second.</source>
        <translation>Noch kein Gerät angeschlossen.
Schließen Sie ein Gerät an einen USB-Port dieser Station an; es erscheint hier innerhalb einer Sekunde.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Provision the selected device (Ctrl+Enter)</source>
        <translation>Das ausgewählte Gerät provisionieren (Strg+Enter)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Retry the selected device from the step that failed (Ctrl+R)</source>
        <translation>Das ausgewählte Gerät ab dem fehlgeschlagenen Schritt wiederholen (Strg+R)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Ab&amp;brechen</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>Stop the selected device (Ctrl+.)</source>
        <translation>Das ausgewählte Gerät anhalten (Strg+.)</translation>
    </message>
    <message>
        <source>Start &amp;all</source>
        <translation>&amp;Alle starten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Provision every device that is not running (Ctrl+Shift+Enter)</source>
        <translation>Jedes Gerät provisionieren, das nicht läuft (Strg+Umschalt+Enter)</translation>
    </message>
    <message>
        <source>Stop a&amp;ll</source>
        <translation>Alle an&amp;halten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+.</source>
        <translation>Ctrl+Shift+.</translation>
    </message>
    <message>
        <source>Stop every running and queued device (Ctrl+Shift+.)</source>
        <translation>Alle laufenden und wartenden Geräte anhalten (Strg+Umschalt+.)</translation>
    </message>
    <message>
        <source>cancelled by the operator</source>
        <translation>vom Bediener abgebrochen</translation>
    </message>
    <message>
        <source>stopped by the operator</source>
        <translation>vom Bediener angehalten</translation>
    </message>
</context>
<context>
    <name>Blackbird::FieldServiceDialog</name>
    <message>
        <source>Field service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Port %1
Device %2 (%3, firmware %4)
Last outcome: %5
Thing: %6</source>
        <translation>Port %1
Gerät %2 (%3, Firmware %4)
Letztes Ergebnis: %5
Thing: %6</translation>
    </message>
    <message>
        <source>not identified yet</source>
        <translation>noch nicht identifiziert</translation>
    </message>
    <message>
        <source>type unknown</source>
        <translation>Typ unbekannt</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>keins bekannt</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Field-service action</source>
        <translation>Service-Aktion</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Why this device is serviced, e.g. &quot;RMA 4711: claim expired in storage&quot;</source>
        <translation>Warum dieses Gerät in den Service geht, z. B. „RMA 4711: Claim im Lager abgelaufen“</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Grund (erforderlich):</translation>
    </message>
    <message>
        <source>I understand that the device cannot provision again until it gets new claim credentials</source>
        <translation>Mir ist bewusst, dass das Gerät erst wieder provisioniert werden kann, wenn es neue Claim-Zugangsdaten erhält</translation>
    </message>
    <message>
        <source>&amp;Switch to field service</source>
        <translation>In den &amp;Service wechseln</translation>
    </message>
    <message>
        <source>Devices you start from now on run the chosen action instead of production provisioning, until you switch back to production. The reason is written to every audit record.</source>
        <translation>Geräte, die Sie ab jetzt starten, durchlaufen die gewählte Aktion statt der Produktions-Provisionierung, bis Sie zurück zur Produktion wechseln. Der Grund wird in jeden Audit-Eintrag geschrieben.</translation>
    </message>
    <message>
        <source>Enter the reason for this field service; it is recorded with every attempt.</source>
        <translation>Geben Sie den Grund für diesen Service ein; er wird bei jedem Versuch protokolliert.</translation>
    </message>
    <message>
        <source>The reason is too short to mean anything in the audit record.</source>
        <translation>Der Grund ist zu kurz, um im Audit-Eintrag etwas auszusagen.</translation>
    </message>
    <message>
        <source>Erasing the claim needs your confirmation: tick the box above.</source>
        <translation>Das Löschen des Claims erfordert Ihre Bestätigung: Setzen Sie oben das Häkchen.</translation>
    </message>
    <message>
        <source>Runs fleet provisioning again with the claim the device already stores; the device gets a new permanent certificate.</source>
        <translation>Führt die Flotten-Provisionierung erneut mit dem Claim aus, den das Gerät bereits gespeichert hat; das Gerät erhält ein neues dauerhaftes Zertifikat.</translation>
    </message>
    <message>
        <source>Registers the device again and gives it new claim credentials, replacing the stored ones.</source>
        <translation>Registriert das Gerät erneut und gibt ihm neue Claim-Zugangsdaten, die die gespeicherten ersetzen.</translation>
    </message>
    <message>
        <source>Erases the claim credentials stored on the device.</source>
        <translation>Löscht die auf dem Gerät gespeicherten Claim-Zugangsdaten.</translation>
    </message>
</context>
<context>
    <name>Blackbird::FirstRunDialog</name>
    <message>
        <source>Import a test stack&apos;s endpoints…</source>
        <translation>Endpunkte eines Test-Stacks importieren…</translation>
    </message>
    <message>
        <source>Enter the settings…</source>
        <translation>Einstellungen eingeben…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Diese Station einrichten</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;This station has no profile yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A profile says where the registration service and the broker are, which device types and fleet-provisioning template to use and which ports to watch. The API key is kept in the system&apos;s keychain, never in the profile.&lt;/p&gt;&lt;p&gt;On a test bench running &lt;tt&gt;blackbird-local&lt;/tt&gt;, import its &lt;tt&gt;endpoints.json&lt;/tt&gt;; otherwise enter the settings your Blackbird account gives.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Diese Station hat noch kein Profil.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ein Profil legt fest, wo der Registrierungsdienst und der Broker zu finden sind, welche Gerätetypen und welche Vorlage für die Flotten-Provisionierung verwendet werden und welche Ports überwacht werden. Der API-Schlüssel liegt im Schlüsselbund des Systems, nie im Profil.&lt;/p&gt;&lt;p&gt;Importieren Sie auf einem Prüfstand mit &lt;tt&gt;blackbird-local&lt;/tt&gt; dessen &lt;tt&gt;endpoints.json&lt;/tt&gt;; andernfalls geben Sie die Einstellungen aus Ihrem Blackbird-Konto ein.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Endpoints of a local Blackbird stack</source>
        <translation>Endpunkte eines lokalen Blackbird-Stacks</translation>
    </message>
    <message>
        <source>Endpoints (endpoints.json);;JSON files (*.json)</source>
        <translation>Endpunkte (endpoints.json);;JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>The endpoints were not imported: %1</source>
        <translation>Die Endpunkte wurden nicht importiert: %1</translation>
    </message>
    <message>
        <source>Imported. Check the settings, enter the API key and save.</source>
        <translation>Importiert. Prüfen Sie die Einstellungen, geben Sie den API-Schlüssel ein und speichern Sie.</translation>
    </message>
</context>
<context>
    <name>Blackbird::HistoryModel</name>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Identifizieren</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Übertragen</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Provision</source>
        <translation>Provisionieren</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Beobachten</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Protokollieren</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Rotieren</translation>
    </message>
    <message>
        <source>Replace claim</source>
        <translation>Claim ersetzen</translation>
    </message>
    <message>
        <source>Erase claim</source>
        <translation>Claim löschen</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>USB serial %1</source>
        <translation>USB-Seriennummer %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Device UUID</source>
        <translation>Geräte-UUID</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Gerätetyp</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
</context>
<context>
    <name>Blackbird::HistoryView</name>
    <message>
        <source>Provisioning history</source>
        <translation>Provisionierungsverlauf</translation>
    </message>
    <message>
        <source>Attempt details</source>
        <translation>Details des Versuchs</translation>
    </message>
    <message>
        <source>Steps of the attempt</source>
        <translation>Schritte des Versuchs</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Search uuid, type, port, certificate, operator, reason</source>
        <translation>UUID, Typ, Port, Zertifikat, Bediener, Grund suchen</translation>
    </message>
    <message>
        <source>Search the history</source>
        <translation>Verlauf durchsuchen</translation>
    </message>
    <message>
        <source>Outcome shown</source>
        <translation>Angezeigtes Ergebnis</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Jedes Ergebnis</translation>
    </message>
    <message>
        <source>Batch id</source>
        <translation>Chargen-ID</translation>
    </message>
    <message>
        <source>Batch shown</source>
        <translation>Angezeigte Charge</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the history again (F5)</source>
        <translation>Verlauf neu lesen (F5)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Save the attempts shown, with their steps, as CSV</source>
        <translation>Die angezeigten Versuche mit ihren Schritten als CSV speichern</translation>
    </message>
    <message>
        <source>Batch report…</source>
        <translation>Chargenbericht…</translation>
    </message>
    <message>
        <source>Save a printable PDF listing every device of the batch (Ctrl+P)</source>
        <translation>Ein druckbares PDF mit allen Geräten der Charge speichern (Strg+P)</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Verlauf wird gelesen…</translation>
    </message>
    <message>
        <source>1 attempt</source>
        <translation>1 Versuch</translation>
    </message>
    <message>
        <source>%1 attempts</source>
        <translation>%1 Versuche</translation>
    </message>
    <message>
        <source>(the newest %1; narrow the search to see older ones)</source>
        <translation>(die neuesten %1; Suche eingrenzen, um ältere zu sehen)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select an attempt to see its steps.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Einen Versuch auswählen, um seine Schritte zu sehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Device UUID</source>
        <translation>Geräte-UUID</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Gerätetyp</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>USB serial</source>
        <translation>USB-Seriennummer</translation>
    </message>
    <message>
        <source>Claim certificate</source>
        <translation>Claim-Zertifikat</translation>
    </message>
    <message>
        <source>Thing</source>
        <translation>Thing</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved the history to %1</source>
        <translation>Verlauf in %1 gespeichert</translation>
    </message>
    <message>
        <source>Could not save the history: %1</source>
        <translation>Der Verlauf konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Writing the report for batch %1…</source>
        <translation>Bericht für Charge %1 wird geschrieben…</translation>
    </message>
    <message>
        <source>Saved the batch report to %1</source>
        <translation>Chargenbericht in %1 gespeichert</translation>
    </message>
    <message>
        <source>Batch report: %1</source>
        <translation>Chargenbericht: %1</translation>
    </message>
    <message>
        <source>Station: %1. Operator: %2.</source>
        <translation>Station: %1. Bediener: %2.</translation>
    </message>
    <message>
        <source>From %1 to %2.</source>
        <translation>Von %1 bis %2.</translation>
    </message>
    <message>
        <source>%1 devices: %2 passed, %3 failed, %4 skipped, %5 other.</source>
        <translation>%1 Geräte: %2 bestanden, %3 fehlgeschlagen, %4 übersprungen, %5 sonstige.</translation>
    </message>
    <message>
        <source>Report written %1.</source>
        <translation>Bericht erstellt am %1.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Batch %1 has no attempts in the history; no report was written.</source>
        <translation>Charge %1 hat keine Versuche im Verlauf; es wurde kein Bericht geschrieben.</translation>
    </message>
    <message>
        <source>Could not write the report: the folder %1 does not exist.</source>
        <translation>Der Bericht konnte nicht geschrieben werden: Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Batch report %1</source>
        <translation>Chargenbericht %1</translation>
    </message>
    <message>
        <source>Could not write the report to %1: check that the folder is writable.</source>
        <translation>Der Bericht konnte nicht nach %1 geschrieben werden: Prüfen Sie, ob der Ordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a batch first: type its id or select one of its attempts.</source>
        <translation>Zuerst eine Charge wählen: ihre ID eingeben oder einen ihrer Versuche auswählen.</translation>
    </message>
    <message>
        <source>Save batch report</source>
        <translation>Chargenbericht speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Blackbird::LogModel</name>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Schwerwiegend</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>Blackbird::LogView</name>
    <message>
        <source>Station log</source>
        <translation>Stationsprotokoll</translation>
    </message>
</context>
<context>
    <name>Blackbird::MainWindow</name>
    <message>
        <source>Blackbird Provisioning Station</source>
        <translation>Blackbird Provisionierungsstation</translation>
    </message>
    <message>
        <source>Station log</source>
        <translation>Stationsprotokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Rescan ports</source>
        <translation>Ports &amp;neu suchen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Blackbird Provisioning Station</source>
        <translation>Ü&amp;ber die Blackbird Provisionierungsstation</translation>
    </message>
    <message>
        <source>Device ports: %1</source>
        <translation>Geräteports: %1</translation>
    </message>
    <message>
        <source>About Blackbird Provisioning Station</source>
        <translation>Über die Blackbird Provisionierungsstation</translation>
    </message>
    <message>
        <source>Blackbird Provisioning Station %1

Gives IoT devices their identity on the factory floor.</source>
        <translation>Blackbird Provisionierungsstation %1

Gibt IoT-Geräten ihre Identität in der Fertigung.</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <source>Raw &amp;console</source>
        <translation>Roh&amp;konsole</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>&amp;Gerät</translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation>&amp;Station</translation>
    </message>
    <message>
        <source>&amp;Field service…</source>
        <translation>&amp;Service…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Back to &amp;production</source>
        <translation>Zurück zur &amp;Produktion</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Lock station…</source>
        <translation>Station s&amp;perren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Unlock station…</source>
        <translation>Station &amp;entsperren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Beep when a device &amp;fails</source>
        <translation>Signal&amp;ton, wenn ein Gerät fehlschlägt</translation>
    </message>
    <message>
        <source>Show an &amp;alert banner when a device fails</source>
        <translation>&amp;Warnbanner zeigen, wenn ein Gerät fehlschlägt</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>As the &amp;system</source>
        <translation>Wie das S&amp;ystem</translation>
    </message>
    <message>
        <source>The station speaks %1 from its next start.</source>
        <translation>Sprache der Station ab dem nächsten Start: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Ready. %n attempt(s) left running by the last run were marked interrupted.</source>
        <translation>
            <numerusform>Bereit. %n Versuch, der beim letzten Lauf noch lief, wurde als unterbrochen markiert.</numerusform>
            <numerusform>Bereit. %n Versuche, die beim letzten Lauf noch liefen, wurden als unterbrochen markiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <source>Blocked: %1</source>
        <translation>Blockiert: %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Broker: watching</source>
        <translation>Broker: wird beobachtet</translation>
    </message>
    <message>
        <source>Broker: not connected (%1)</source>
        <translation>Broker: nicht verbunden (%1)</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>The station is locked; a supervisor must unlock it first.</source>
        <translation>Die Station ist gesperrt; ein Supervisor muss sie zuerst entsperren.</translation>
    </message>
    <message>
        <source>The station is not configured yet; open the settings first.</source>
        <translation>Die Station ist noch nicht eingerichtet; öffnen Sie zuerst die Einstellungen.</translation>
    </message>
    <message>
        <source>Choose a field-service action.</source>
        <translation>Wählen Sie eine Service-Aktion.</translation>
    </message>
    <message>
        <source>Field service needs a reason.</source>
        <translation>Der Service braucht einen Grund.</translation>
    </message>
    <message>
        <source>Back to production</source>
        <translation>Zurück zur Produktion</translation>
    </message>
    <message>
        <source>The station stays in field service: %1</source>
        <translation>Die Station bleibt im Service: %1</translation>
    </message>
    <message>
        <source>Field service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>The station could not switch to field service: %1</source>
        <translation>Die Station konnte nicht in den Service wechseln: %1</translation>
    </message>
    <message>
        <source>Unlock station</source>
        <translation>Station entsperren</translation>
    </message>
    <message>
        <source>That is not the supervisor passphrase; the station stays locked.</source>
        <translation>Das ist nicht die Supervisor-Passphrase; die Station bleibt gesperrt.</translation>
    </message>
    <message>
        <source>Lock station</source>
        <translation>Station sperren</translation>
    </message>
    <message>
        <source>Lock the station? Settings and field service are hidden until a supervisor unlocks it with the passphrase. Provisioning goes on.</source>
        <translation>Station sperren? Einstellungen und Service sind ausgeblendet, bis ein Supervisor sie mit der Passphrase entsperrt. Die Provisionierung läuft weiter.</translation>
    </message>
    <message>
        <source>Choose the supervisor passphrase (at least %1 characters). It is needed to unlock settings and field service.</source>
        <translation>Wählen Sie die Supervisor-Passphrase (mindestens %1 Zeichen). Sie wird zum Entsperren von Einstellungen und Service benötigt.</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>Passphrase erneut eingeben:</translation>
    </message>
    <message>
        <source>The two passphrases differ; the station stays unlocked.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein; die Station bleibt entsperrt.</translation>
    </message>
    <message>
        <source>The passphrase is shorter than %1 characters; the station stays unlocked.</source>
        <translation>Die Passphrase ist kürzer als %1 Zeichen; die Station bleibt entsperrt.</translation>
    </message>
    <message>
        <source>Supervisor passphrase:</source>
        <translation>Supervisor-Passphrase:</translation>
    </message>
    <message>
        <source>Blackbird Provisioning Station (locked)</source>
        <translation>Blackbird Provisionierungsstation (gesperrt)</translation>
    </message>
</context>
<context>
    <name>Blackbird::PortListModel</name>
    <message>
        <source>%1 (device %2)</source>
        <translation>%1 (Gerät %2)</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Device node</source>
        <translation>Geräteknoten</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>USB serial number</source>
        <translation>USB-Seriennummer</translation>
    </message>
    <message>
        <source>USB id</source>
        <translation>USB-ID</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>Gefunden über</translation>
    </message>
</context>
<context>
    <name>Blackbird::PortsView</name>
    <message>
        <source>Device ports</source>
        <translation>Geräteports</translation>
    </message>
    <message>
        <source>serial ports of this computer</source>
        <translation>serielle Ports dieses Computers</translation>
    </message>
    <message>
        <source>USB serial adapters with the set ids</source>
        <translation>USB-Seriell-Adapter mit den eingestellten IDs</translation>
    </message>
    <message>
        <source>Looking for device ports…</source>
        <translation>Geräteports werden gesucht…</translation>
    </message>
    <message>
        <source>No device ports found.

Plug in a device, or check where the station looks for ports:
%1</source>
        <translation>Keine Geräteports gefunden.

Schließen Sie ein Gerät an oder prüfen Sie, wo die Station nach Ports sucht:
%1</translation>
    </message>
    <message>
        <source>(nowhere: no pattern is set)</source>
        <translation>(nirgends: kein Muster eingestellt)</translation>
    </message>
</context>
<context>
    <name>Blackbird::RawConsoleModel</name>
    <message>
        <source>RX ←</source>
        <translation>RX ←</translation>
    </message>
    <message>
        <source>TX →</source>
        <translation>TX →</translation>
    </message>
    <message>
        <source>Received from the device</source>
        <translation>Vom Gerät empfangen</translation>
    </message>
    <message>
        <source>Sent to the device</source>
        <translation>An das Gerät gesendet</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Bytes as text</source>
        <translation>Bytes als Text</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>ASCII</source>
        <translation>ASCII</translation>
    </message>
</context>
<context>
    <name>Blackbird::RawConsoleView</name>
    <message>
        <source>Raw serial traffic</source>
        <translation>Roher serieller Datenverkehr</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Show the bytes as text, with control bytes escaped (Alt+T)</source>
        <translation>Bytes als Text zeigen, Steuerbytes maskiert (Alt+T)</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Show a hex dump with offsets (Alt+H)</source>
        <translation>Hex-Dump mit Offsets zeigen (Alt+H)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Raw traffic on %1</source>
        <translation>Rohdaten auf %1</translation>
    </message>
    <message>
        <source>No port chosen: pick a device to see its raw traffic</source>
        <translation>Kein Port gewählt: Wählen Sie ein Gerät, um seine Rohdaten zu sehen</translation>
    </message>
    <message>
        <source>TX →</source>
        <translation>TX →</translation>
    </message>
    <message>
        <source>%1 bytes kept</source>
        <translation>%1 Bytes gespeichert</translation>
    </message>
    <message>
        <source>(%1 older bytes dropped)</source>
        <translation>(%1 ältere Bytes verworfen)</translation>
    </message>
    <message>
        <source>Copy the selected rows (Ctrl+C)</source>
        <translation>Die ausgewählten Zeilen kopieren (Strg+C)</translation>
    </message>
</context>
<context>
    <name>Blackbird::SettingsDialog</name>
    <message>
        <source>Start provisioning as soon as a device is plugged in</source>
        <translation>Provisionierung starten, sobald ein Gerät angeschlossen wird</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Station settings</source>
        <translation>Stationseinstellungen</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>Profil&amp;name:</translation>
    </message>
    <message>
        <source>Registration &amp;URL:</source>
        <translation>Registrierungs-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>C&amp;laim CA file:</source>
        <translation>C&amp;laim-CA-Datei:</translation>
    </message>
    <message>
        <source>&amp;Broker host:</source>
        <translation>&amp;Broker-Host:</translation>
    </message>
    <message>
        <source>Broker &amp;port:</source>
        <translation>Broker-&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Operator certificate:</source>
        <translation>Bediener&amp;zertifikat:</translation>
    </message>
    <message>
        <source>e.g. blackbird-sensor-v1, blackbird-gateway-v1</source>
        <translation>z. B. blackbird-sensor-v1, blackbird-gateway-v1</translation>
    </message>
    <message>
        <source>&amp;Device types:</source>
        <translation>&amp;Gerätetypen:</translation>
    </message>
    <message>
        <source>One path pattern per line, e.g. /dev/serial/by-id/*</source>
        <translation>Ein Pfadmuster pro Zeile, z. B. /dev/serial/by-id/*</translation>
    </message>
    <message>
        <source>Port p&amp;atterns:</source>
        <translation>Port-&amp;Muster:</translation>
    </message>
    <message>
        <source>e.g. 0403:6001, 10c4 (empty: any USB adapter)</source>
        <translation>z. B. 0403:6001, 10c4 (leer: jeder USB-Adapter)</translation>
    </message>
    <message>
        <source>USB &amp;ids:</source>
        <translation>USB-&amp;IDs:</translation>
    </message>
    <message>
        <source>Devices at &amp;once:</source>
        <translation>&amp;Anzahl gleichzeitiger Geräte:</translation>
    </message>
    <message>
        <source>Baud &amp;rate:</source>
        <translation>Baud&amp;rate:</translation>
    </message>
    <message>
        <source>empty: this computer&apos;s host name</source>
        <translation>leer: Hostname dieses Computers</translation>
    </message>
    <message>
        <source>&amp;Station id:</source>
        <translation>Stations-I&amp;D:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>leave empty to keep the stored key</source>
        <translation>leer lassen, um den gespeicherten Schlüssel zu behalten</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation>Datei für %1 wählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>BLACKBIRD_API_KEY is set in the environment and overrides the keychain on this station.</source>
        <translation>BLACKBIRD_API_KEY ist in der Umgebung gesetzt und hat auf dieser Station Vorrang vor dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>Stored only in the system keychain, never in the profile file.</source>
        <translation>Nur im Schlüsselbund des Systems gespeichert, nie in der Profildatei.</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Schlüsselbund wird durchsucht…</translation>
    </message>
    <message>
        <source>A key for this profile is stored in the keychain.</source>
        <translation>Für dieses Profil ist ein Schlüssel im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>No key stored for this profile yet: enter one.</source>
        <translation>Für dieses Profil ist noch kein Schlüssel gespeichert: Geben Sie einen ein.</translation>
    </message>
    <message>
        <source>The profile name must be 1 to 64 letters, digits, dots, underscores or hyphens, not starting with a dot.</source>
        <translation>Der Profilname muss aus 1 bis 64 Buchstaben, Ziffern, Punkten, Unterstrichen oder Bindestrichen bestehen und darf nicht mit einem Punkt beginnen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a USB id; write vendor:product in hex, e.g. 0403:6001.</source>
        <translation>„%1“ ist keine USB-ID; schreiben Sie Hersteller:Produkt hexadezimal, z. B. 0403:6001.</translation>
    </message>
    <message>
        <source>The registration URL must start with https://.</source>
        <translation>Die Registrierungs-URL muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The API key contains spaces; paste it again without them.</source>
        <translation>Der API-Schlüssel enthält Leerzeichen; fügen Sie ihn ohne Leerzeichen erneut ein.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <source>Storing the API key in the keychain…</source>
        <translation>API-Schlüssel wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>The API key was not stored: %1</source>
        <translation>Der API-Schlüssel wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saving the profile…</source>
        <translation>Profil wird gespeichert…</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>Das Profil wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Operator ke&amp;y:</source>
        <translation>Bedienerschlüss&amp;el:</translation>
    </message>
    <message>
        <source>Provisioning te&amp;mplate:</source>
        <translation>Provisionierungs&amp;vorlage:</translation>
    </message>
</context>
<context>
    <name>Blackbird::StationController</name>
    <message>
        <source>the station was closed</source>
        <translation>die Station wurde geschlossen</translation>
    </message>
    <message>
        <source>No station profile yet. Open File &gt; Settings to create one.</source>
        <translation>Noch kein Stationsprofil. Legen Sie unter Datei &gt; Einstellungen eines an.</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>The broker cannot be watched, so no device can be verified: %1</source>
        <translation>Der Broker kann nicht beobachtet werden, daher kann kein Gerät geprüft werden: %1</translation>
    </message>
    <message>
        <source>The audit database could not be opened, so no device starts: %1</source>
        <translation>Die Audit-Datenbank konnte nicht geöffnet werden, daher startet kein Gerät: %1</translation>
    </message>
    <message>
        <source>No API key for profile %1: %2 Enter it in File &gt; Settings.</source>
        <translation>Kein API-Schlüssel für Profil %1: %2 Geben Sie ihn unter Datei &gt; Einstellungen ein.</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineModel</name>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Station time: %1 (%2 UTC)</source>
        <translation>Stationszeit: %1 (%2 UTC)</translation>
    </message>
    <message>
        <source>The device gave no time for this line</source>
        <translation>Das Gerät hat für diese Zeile keine Zeit angegeben</translation>
    </message>
    <message>
        <source>Device time: %1 (%2 UTC)</source>
        <translation>Gerätezeit: %1 (%2 UTC)</translation>
    </message>
    <message>
        <source>%1, device %2</source>
        <translation>%1, Gerät %2</translation>
    </message>
    <message>
        <source>%1 %2 %3: %4</source>
        <translation>%1 %2 %3: %4</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Device time</source>
        <translation>Gerätezeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineStore</name>
    <message>
        <source>Could not write the timeline to %1: %2</source>
        <translation>Die Zeitleiste konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Copy lines</source>
        <translation>Zeilen kopieren</translation>
    </message>
    <message>
        <source>Lowest level shown</source>
        <translation>Niedrigste angezeigte Stufe</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Lines from the source %1: click to show or hide them</source>
        <translation>Zeilen der Quelle %1: zum Ein- oder Ausblenden klicken</translation>
    </message>
    <message>
        <source>Show lines from the source %1</source>
        <translation>Zeilen der Quelle %1 anzeigen</translation>
    </message>
    <message>
        <source>Search the timeline</source>
        <translation>Zeitleiste durchsuchen</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Keep the newest line in view (Ctrl+End)</source>
        <translation>Die neueste Zeile im Blick behalten (Strg+Ende)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected lines with both timestamps (Ctrl+C)</source>
        <translation>Die ausgewählten Zeilen mit beiden Zeitstempeln kopieren (Strg+C)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the lines shown to a text file with both timestamps</source>
        <translation>Die angezeigten Zeilen mit beiden Zeitstempeln in eine Textdatei speichern</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 Zeile</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>%1 of 1 line matches</source>
        <translation>%1 von 1 Zeile passt</translation>
    </message>
    <message>
        <source>%1 of %2 lines match</source>
        <translation>%1 von %2 Zeilen passen</translation>
    </message>
    <message>
        <source>(following paused: scroll to the end or press Follow)</source>
        <translation>(Folgen pausiert: ans Ende scrollen oder „Folgen“ drücken)</translation>
    </message>
    <message>
        <source>Saved 1 line to %1</source>
        <translation>1 Zeile in %1 gespeichert</translation>
    </message>
    <message>
        <source>Saved %1 lines to %2</source>
        <translation>%1 Zeilen in %2 gespeichert</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>Zeitleiste exportieren</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Gives IoT devices their identity over USB serial.</source>
        <translation>Gibt IoT-Geräten ihre Identität über USB-Seriell.</translation>
    </message>
    <message>
        <source>Watch only ports whose path matches &lt;glob&gt; (repeatable); replaces the profile&apos;s patterns and USB ids.</source>
        <translation>Nur Ports überwachen, deren Pfad auf &lt;glob&gt; passt (mehrfach möglich); ersetzt die Muster und USB-IDs des Profils.</translation>
    </message>
    <message>
        <source>Read and write the window&apos;s settings in the INI &lt;file&gt;.</source>
        <translation>Die Fenstereinstellungen in der INI-Datei &lt;file&gt; lesen und schreiben.</translation>
    </message>
    <message>
        <source>Use the station profile &lt;name&gt; (default: the first).</source>
        <translation>Das Stationsprofil &lt;name&gt; verwenden (Standard: das erste).</translation>
    </message>
    <message>
        <source>Keep station profiles in &lt;folder&gt;.</source>
        <translation>Stationsprofile im Ordner &lt;folder&gt; ablegen.</translation>
    </message>
    <message>
        <source>Take the endpoints from a local stack&apos;s endpoints.json &lt;file&gt; instead of a profile. The API key still comes from BLACKBIRD_API_KEY or the keychain.</source>
        <translation>Die Endpunkte aus der endpoints.json-Datei &lt;file&gt; eines lokalen Stacks statt aus einem Profil nehmen. Der API-Schlüssel kommt weiterhin aus BLACKBIRD_API_KEY oder dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>Provision every device as soon as its port appears.</source>
        <translation>Jedes Gerät provisionieren, sobald sein Port erscheint.</translation>
    </message>
    <message>
        <source>The batch id (default: now).</source>
        <translation>Die Chargen-ID (Standard: jetzt).</translation>
    </message>
    <message>
        <source>The operator&apos;s name (default: the user).</source>
        <translation>Der Name des Bedieners (Standard: der Benutzer).</translation>
    </message>
    <message>
        <source>Keep the audit records in the SQLite &lt;file&gt;.</source>
        <translation>Die Audit-Einträge in der SQLite-Datei &lt;file&gt; ablegen.</translation>
    </message>
    <message>
        <source>The new settings were not applied: %1</source>
        <translation>Die neuen Einstellungen wurden nicht übernommen: %1</translation>
    </message>
</context>
</TS>
