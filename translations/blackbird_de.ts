<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
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
        <source>Watch ports whose path matches &lt;glob&gt; (repeatable); replaces the patterns in the settings.</source>
        <translation>Ports beobachten, deren Pfad zu &lt;glob&gt; passt (mehrfach möglich); ersetzt die Muster der Einstellungen.</translation>
    </message>
    <message>
        <source>Read and write settings in the INI &lt;file&gt;.</source>
        <translation>Einstellungen in der INI-Datei &lt;file&gt; lesen und schreiben.</translation>
    </message>
</context>
</TS>
