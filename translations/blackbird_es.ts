<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Blackbird::BatchBar</name>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>Hide this alert until the next failure (Esc)</source>
        <translation>Ocultar esta alerta hasta el próximo fallo (Esc)</translation>
    </message>
    <message>
        <source>Batch &lt;b&gt;%1&lt;/b&gt; · Operator &lt;b&gt;%2&lt;/b&gt; · Station &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>Lote &lt;b&gt;%1&lt;/b&gt; · Operario &lt;b&gt;%2&lt;/b&gt; · Estación &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>✔ %1 passed   ✖ %2 failed   ▶ %3 running   %4 skipped</source>
        <translation>✔ %1 correctos   ✖ %2 fallidos   ▶ %3 en curso   %4 omitidos</translation>
    </message>
    <message>
        <source>%1 devices/hour</source>
        <translation>%1 dispositivos/hora</translation>
    </message>
    <message>
        <source>FIELD SERVICE: %1 — %2</source>
        <translation>SERVICIO TÉCNICO: %1 — %2</translation>
    </message>
    <message>
        <source>(%1 failures since the last dismiss)</source>
        <translation>(%1 fallos desde el último descarte)</translation>
    </message>
    <message>
        <source>%1 failed at %2: %3</source>
        <translation>%1 falló en %2: %3</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>No new device starts: %1</source>
        <translation>No se inicia ningún dispositivo nuevo: %1</translation>
    </message>
</context>
<context>
    <name>Blackbird::ConnectionTest</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Registration service</source>
        <translation>Servicio de registro</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Tipo de dispositivo</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>The registration URL &quot;%1&quot; is not a URL. Enter it as https://host:port/v1/registrations.</source>
        <translation>La URL de registro «%1» no es una URL. Escríbala como https://host:port/v1/registrations.</translation>
    </message>
    <message>
        <source>The registration URL must start with https://; the station never sends the API key unencrypted.</source>
        <translation>La URL de registro debe empezar por https://; la estación nunca envía la clave de API sin cifrar.</translation>
    </message>
    <message>
        <source>%1 is an IP address; no DNS lookup needed.</source>
        <translation>%1 es una dirección IP; no hace falta consultar el DNS.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>Resolviendo %1…</translation>
    </message>
    <message>
        <source>The host name %1 could not be resolved (%2). Check the URL and the station&apos;s network and DNS settings.</source>
        <translation>No se pudo resolver el nombre de host %1 (%2). Compruebe la URL y la configuración de red y DNS de la estación.</translation>
    </message>
    <message>
        <source>%1 resolves to %2.</source>
        <translation>%1 se resuelve como %2.</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2. Check that the CA file is the one that signed the service&apos;s certificate and that the URL&apos;s host name is in it.</source>
        <translation>Falló la negociación TLS con %1: %2. Compruebe que el archivo de CA corresponde a la CA que firmó el certificado del servicio y que el nombre de host de la URL figura en él.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at %1 (connection refused). Is the registration service running, and is the port right?</source>
        <translation>Nada acepta conexiones en %1 (conexión rechazada). ¿Está en marcha el servicio de registro y es correcto el puerto?</translation>
    </message>
    <message>
        <source>The host %1 was not found.</source>
        <translation>No se encontró el host %1.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 seconds. Check the network path (firewall, proxy).</source>
        <translation>%1 no respondió en %2 segundos. Compruebe la ruta de red (cortafuegos, proxy).</translation>
    </message>
    <message>
        <source>%1 closed the connection: %2</source>
        <translation>%1 cerró la conexión: %2</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>No se pudo acceder a %1: %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>TLS handshake verified against the configured CA (%1).</source>
        <translation>Negociación TLS verificada con la CA configurada (%1).</translation>
    </message>
    <message>
        <source>The registration service answers but its database does not (503). Devices cannot be registered until it is back.</source>
        <translation>El servicio de registro responde, pero su base de datos no (503). No se pueden registrar dispositivos hasta que vuelva a estar disponible.</translation>
    </message>
    <message>
        <source>%1 answered %2 to the health check; is this the registration service?</source>
        <translation>%1 respondió %2 a la comprobación de estado; ¿es este el servicio de registro?</translation>
    </message>
    <message>
        <source>The registration service is up and its database answers.</source>
        <translation>El servicio de registro está en marcha y su base de datos responde.</translation>
    </message>
    <message>
        <source>No API key to test: type one in the API key field or store one in the keychain first.</source>
        <translation>No hay ninguna clave de API que probar: escriba una en el campo Clave de API o guarde antes una en el llavero.</translation>
    </message>
    <message>
        <source>Checking the API key…</source>
        <translation>Comprobando la clave de API…</translation>
    </message>
    <message>
        <source>The service received no API key. Enter the key again.</source>
        <translation>El servicio no recibió ninguna clave de API. Vuelva a escribir la clave.</translation>
    </message>
    <message>
        <source>The service does not know this API key (%1). Check the key with whoever issued it; keys are per deployment.</source>
        <translation>El servicio no reconoce esta clave de API (%1). Compruebe la clave con quien la emitió; cada despliegue tiene sus propias claves.</translation>
    </message>
    <message>
        <source>The key is known but has used up its rate allowance (429); try again in a minute.</source>
        <translation>La clave es válida, pero ha agotado su cuota de solicitudes (429); vuelva a intentarlo dentro de un minuto.</translation>
    </message>
    <message>
        <source>The API key is accepted.</source>
        <translation>Se acepta la clave de API.</translation>
    </message>
    <message>
        <source>Unexpected answer %1 %2 to the API key check.</source>
        <translation>Respuesta inesperada %1 %2 a la comprobación de la clave de API.</translation>
    </message>
    <message>
        <source>The device type &quot;%1&quot; is not valid: use 1 to 64 characters of a-z, 0-9, dot, underscore and hyphen.</source>
        <translation>El tipo de dispositivo «%1» no es válido: use de 1 a 64 caracteres entre a-z, 0-9, punto, guion bajo y guion.</translation>
    </message>
    <message>
        <source>Connection works: DNS, TLS, service and API key passed. Whether the key may register %1 is known only when the first device registers (the service offers no check that registers nothing).</source>
        <translation>La conexión funciona: DNS, TLS, servicio y clave de API correctos. Si la clave puede registrar %1 solo se sabrá cuando se registre el primer dispositivo (el servicio no ofrece ninguna comprobación que no registre nada).</translation>
    </message>
    <message>
        <source>every device type</source>
        <translation>todos los tipos de dispositivo</translation>
    </message>
</context>
<context>
    <name>Blackbird::DeviceBoardModel</name>
    <message>
        <source>Identify</source>
        <translation>Identificar</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Transfer claim</source>
        <translation>Transferir reclamación</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Start provisioning</source>
        <translation>Iniciar aprovisionamiento</translation>
    </message>
    <message>
        <source>Fleet handshake</source>
        <translation>Negociación de flota</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registrar en auditoría</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Producción</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Rotar</translation>
    </message>
    <message>
        <source>Replace claim</source>
        <translation>Reemplazar reclamación</translation>
    </message>
    <message>
        <source>Erase claim</source>
        <translation>Borrar reclamación</translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation>Esperando para iniciar</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>Correcto (%1)</translation>
    </message>
    <message>
        <source>Failed at %1</source>
        <translation>Falló en %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Falló: %1</translation>
    </message>
    <message>
        <source>Skipped: already provisioned</source>
        <translation>Omitido: ya aprovisionado</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Omitido: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Cancelado: %1</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 de %3)</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>No iniciado</translation>
    </message>
    <message>
        <source>%1, %2%</source>
        <translation>%1, %2 %</translation>
    </message>
    <message>
        <source>Stopped at %1</source>
        <translation>Detenido en %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>caducó hace %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>quedan %1</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Transcurrido</translation>
    </message>
    <message>
        <source>Device uuid</source>
        <translation>UUID del dispositivo</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>USB serial</source>
        <translation>Número de serie USB</translation>
    </message>
    <message>
        <source>Claim certificate</source>
        <translation>Certificado de reclamación</translation>
    </message>
    <message>
        <source>Ownership token</source>
        <translation>Token de propiedad</translation>
    </message>
    <message numerus="yes">
        <source>expired %n days ago</source>
        <translation>
            <numerusform>caducó hace %n día</numerusform>
            <numerusform>caducó hace %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days left</source>
        <translation>
            <numerusform>queda %n día</numerusform>
            <numerusform>quedan %n días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Blackbird::DeviceBoardView</name>
    <message>
        <source>Device board</source>
        <translation>Panel de dispositivos</translation>
    </message>
    <message>
        <source>No device connected yet.
Plug a device into a USB port of this station; it appears here within a second.</source>
        <translation>Aún no hay ningún dispositivo conectado.
Conecte un dispositivo a un puerto USB de esta estación; aparecerá aquí en menos de un segundo.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Provision the selected device (Ctrl+Enter)</source>
        <translation>Aprovisionar el dispositivo seleccionado (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Retry the selected device from the step that failed (Ctrl+R)</source>
        <translation>Reintentar el dispositivo seleccionado desde el paso que falló (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>Stop the selected device (Ctrl+.)</source>
        <translation>Detener el dispositivo seleccionado (Ctrl+.)</translation>
    </message>
    <message>
        <source>Start &amp;all</source>
        <translation>Iniciar &amp;todos</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Provision every device that is not running (Ctrl+Shift+Enter)</source>
        <translation>Aprovisionar todos los dispositivos que no estén en curso (Ctrl+Mayús+Intro)</translation>
    </message>
    <message>
        <source>Stop a&amp;ll</source>
        <translation>Detener to&amp;dos</translation>
    </message>
    <message>
        <source>Ctrl+Shift+.</source>
        <translation>Ctrl+Shift+.</translation>
    </message>
    <message>
        <source>Stop every running and queued device (Ctrl+Shift+.)</source>
        <translation>Detener todos los dispositivos en curso y en cola (Ctrl+Mayús+.)</translation>
    </message>
    <message>
        <source>cancelled by the operator</source>
        <translation>cancelado por el operario</translation>
    </message>
    <message>
        <source>stopped by the operator</source>
        <translation>detenido por el operario</translation>
    </message>
</context>
<context>
    <name>Blackbird::FieldServiceDialog</name>
    <message>
        <source>Field service</source>
        <translation>Servicio técnico</translation>
    </message>
    <message>
        <source>Port %1
Device %2 (%3, firmware %4)
Last outcome: %5
Thing: %6</source>
        <translation>Puerto %1
Dispositivo %2 (%3, firmware %4)
Último resultado: %5
Thing: %6</translation>
    </message>
    <message>
        <source>not identified yet</source>
        <translation>aún sin identificar</translation>
    </message>
    <message>
        <source>type unknown</source>
        <translation>tipo desconocido</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>ninguno conocido</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Dispositivo:</translation>
    </message>
    <message>
        <source>Field-service action</source>
        <translation>Acción de servicio técnico</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Acción:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Why this device is serviced, e.g. &quot;RMA 4711: claim expired in storage&quot;</source>
        <translation>Por qué se revisa este dispositivo, p. ej., «RMA 4711: reclamación caducada en almacén»</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Motivo (obligatorio):</translation>
    </message>
    <message>
        <source>I understand that the device cannot provision again until it gets new claim credentials</source>
        <translation>Entiendo que el dispositivo no podrá aprovisionarse de nuevo hasta que reciba nuevas credenciales de reclamación</translation>
    </message>
    <message>
        <source>&amp;Switch to field service</source>
        <translation>&amp;Cambiar a servicio técnico</translation>
    </message>
    <message>
        <source>Devices you start from now on run the chosen action instead of production provisioning, until you switch back to production. The reason is written to every audit record.</source>
        <translation>Los dispositivos que inicie a partir de ahora ejecutarán la acción elegida en lugar del aprovisionamiento de producción, hasta que vuelva a producción. El motivo se escribe en cada registro de auditoría.</translation>
    </message>
    <message>
        <source>Enter the reason for this field service; it is recorded with every attempt.</source>
        <translation>Escriba el motivo de este servicio técnico; se registra con cada intento.</translation>
    </message>
    <message>
        <source>The reason is too short to mean anything in the audit record.</source>
        <translation>El motivo es demasiado corto para significar algo en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Erasing the claim needs your confirmation: tick the box above.</source>
        <translation>Borrar la reclamación requiere su confirmación: marque la casilla de arriba.</translation>
    </message>
    <message>
        <source>Runs fleet provisioning again with the claim the device already stores; the device gets a new permanent certificate.</source>
        <translation>Vuelve a ejecutar el aprovisionamiento de flota con la reclamación que ya guarda el dispositivo; el dispositivo recibe un nuevo certificado permanente.</translation>
    </message>
    <message>
        <source>Registers the device again and gives it new claim credentials, replacing the stored ones.</source>
        <translation>Vuelve a registrar el dispositivo y le da nuevas credenciales de reclamación que sustituyen a las guardadas.</translation>
    </message>
    <message>
        <source>Erases the claim credentials stored on the device.</source>
        <translation>Borra las credenciales de reclamación guardadas en el dispositivo.</translation>
    </message>
</context>
<context>
    <name>Blackbird::FirstRunDialog</name>
    <message>
        <source>Import a test stack&apos;s endpoints…</source>
        <translation>Importar los puntos de conexión de una pila de prueba…</translation>
    </message>
    <message>
        <source>Enter the settings…</source>
        <translation>Introducir la configuración…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Configurar esta estación</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;This station has no profile yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A profile says where the registration service and the broker are, which device types and fleet-provisioning template to use and which ports to watch. The API key is kept in the system&apos;s keychain, never in the profile.&lt;/p&gt;&lt;p&gt;On a test bench running &lt;tt&gt;blackbird-local&lt;/tt&gt;, import its &lt;tt&gt;endpoints.json&lt;/tt&gt;; otherwise enter the settings your Blackbird account gives.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Esta estación aún no tiene perfil.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Un perfil indica dónde están el servicio de registro y el bróker, qué tipos de dispositivo y qué plantilla de aprovisionamiento de flota se usan y qué puertos se vigilan. La clave de API se guarda en el llavero del sistema, nunca en el perfil.&lt;/p&gt;&lt;p&gt;En un banco de pruebas con &lt;tt&gt;blackbird-local&lt;/tt&gt;, importe su &lt;tt&gt;endpoints.json&lt;/tt&gt;; si no, introduzca la configuración que le proporciona su cuenta de Blackbird.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Endpoints of a local Blackbird stack</source>
        <translation>Puntos de conexión de una pila local de Blackbird</translation>
    </message>
    <message>
        <source>Endpoints (endpoints.json);;JSON files (*.json)</source>
        <translation>Puntos de conexión (endpoints.json);;Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>The endpoints were not imported: %1</source>
        <translation>No se importaron los puntos de conexión: %1</translation>
    </message>
    <message>
        <source>Imported. Check the settings, enter the API key and save.</source>
        <translation>Importado. Revise la configuración, escriba la clave de API y guarde.</translation>
    </message>
</context>
<context>
    <name>Blackbird::HistoryModel</name>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitido</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrumpido</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Identificar</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Provision</source>
        <translation>Aprovisionar</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Observar</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registrar en auditoría</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>correcto</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>omitido</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Producción</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Rotar</translation>
    </message>
    <message>
        <source>Replace claim</source>
        <translation>Reemplazar reclamación</translation>
    </message>
    <message>
        <source>Erase claim</source>
        <translation>Borrar reclamación</translation>
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
        <translation>Número de serie USB %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Device UUID</source>
        <translation>UUID del dispositivo</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Tipo de dispositivo</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operario</translation>
    </message>
</context>
<context>
    <name>Blackbird::HistoryView</name>
    <message>
        <source>Provisioning history</source>
        <translation>Historial de aprovisionamiento</translation>
    </message>
    <message>
        <source>Attempt details</source>
        <translation>Detalles del intento</translation>
    </message>
    <message>
        <source>Steps of the attempt</source>
        <translation>Pasos del intento</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Search uuid, type, port, certificate, operator, reason</source>
        <translation>Buscar UUID, tipo, puerto, certificado, operario, motivo</translation>
    </message>
    <message>
        <source>Search the history</source>
        <translation>Buscar en el historial</translation>
    </message>
    <message>
        <source>Outcome shown</source>
        <translation>Resultado mostrado</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Cualquier resultado</translation>
    </message>
    <message>
        <source>Batch id</source>
        <translation>ID de lote</translation>
    </message>
    <message>
        <source>Batch shown</source>
        <translation>Lote mostrado</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Read the history again (F5)</source>
        <translation>Volver a leer el historial (F5)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Save the attempts shown, with their steps, as CSV</source>
        <translation>Guardar los intentos mostrados, con sus pasos, como CSV</translation>
    </message>
    <message>
        <source>Batch report…</source>
        <translation>Informe del lote…</translation>
    </message>
    <message>
        <source>Save a printable PDF listing every device of the batch (Ctrl+P)</source>
        <translation>Guardar un PDF imprimible con todos los dispositivos del lote (Ctrl+P)</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Leyendo el historial…</translation>
    </message>
    <message>
        <source>1 attempt</source>
        <translation>1 intento</translation>
    </message>
    <message>
        <source>%1 attempts</source>
        <translation>%1 intentos</translation>
    </message>
    <message>
        <source>(the newest %1; narrow the search to see older ones)</source>
        <translation>(los %1 más recientes; acote la búsqueda para ver los anteriores)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select an attempt to see its steps.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Seleccione un intento para ver sus pasos.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Device UUID</source>
        <translation>UUID del dispositivo</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Tipo de dispositivo</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>USB serial</source>
        <translation>Número de serie USB</translation>
    </message>
    <message>
        <source>Claim certificate</source>
        <translation>Certificado de reclamación</translation>
    </message>
    <message>
        <source>Thing</source>
        <translation>Thing</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operario</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Intento</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Guardando %1…</translation>
    </message>
    <message>
        <source>Saved the history to %1</source>
        <translation>Historial guardado en %1</translation>
    </message>
    <message>
        <source>Could not save the history: %1</source>
        <translation>No se pudo guardar el historial: %1</translation>
    </message>
    <message>
        <source>Writing the report for batch %1…</source>
        <translation>Escribiendo el informe del lote %1…</translation>
    </message>
    <message>
        <source>Saved the batch report to %1</source>
        <translation>Informe del lote guardado en %1</translation>
    </message>
    <message>
        <source>Batch report: %1</source>
        <translation>Informe del lote: %1</translation>
    </message>
    <message>
        <source>Station: %1. Operator: %2.</source>
        <translation>Estación: %1. Operario: %2.</translation>
    </message>
    <message>
        <source>From %1 to %2.</source>
        <translation>Desde %1 hasta %2.</translation>
    </message>
    <message>
        <source>%1 devices: %2 passed, %3 failed, %4 skipped, %5 other.</source>
        <translation>%1 dispositivos: %2 correctos, %3 fallidos, %4 omitidos, %5 otros.</translation>
    </message>
    <message>
        <source>Report written %1.</source>
        <translation>Informe generado el %1.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Batch %1 has no attempts in the history; no report was written.</source>
        <translation>El lote %1 no tiene intentos en el historial; no se generó ningún informe.</translation>
    </message>
    <message>
        <source>Could not write the report: the folder %1 does not exist.</source>
        <translation>No se pudo escribir el informe: la carpeta %1 no existe.</translation>
    </message>
    <message>
        <source>Batch report %1</source>
        <translation>Informe del lote %1</translation>
    </message>
    <message>
        <source>Could not write the report to %1: check that the folder is writable.</source>
        <translation>No se pudo escribir el informe en %1: compruebe que la carpeta admite escritura.</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exportar historial</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose a batch first: type its id or select one of its attempts.</source>
        <translation>Elija primero un lote: escriba su ID o seleccione uno de sus intentos.</translation>
    </message>
    <message>
        <source>Save batch report</source>
        <translation>Guardar informe del lote</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Blackbird::LogModel</name>
    <message>
        <source>Debug</source>
        <translation>Depuración</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Grave</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>Blackbird::LogView</name>
    <message>
        <source>Station log</source>
        <translation>Registro de la estación</translation>
    </message>
</context>
<context>
    <name>Blackbird::MainWindow</name>
    <message>
        <source>Blackbird Provisioning Station</source>
        <translation>Estación de aprovisionamiento Blackbird</translation>
    </message>
    <message>
        <source>Station log</source>
        <translation>Registro de la estación</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Rescan ports</source>
        <translation>&amp;Volver a buscar puertos</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Blackbird Provisioning Station</source>
        <translation>&amp;Acerca de la estación de aprovisionamiento Blackbird</translation>
    </message>
    <message>
        <source>Device ports: %1</source>
        <translation>Puertos de dispositivos: %1</translation>
    </message>
    <message>
        <source>About Blackbird Provisioning Station</source>
        <translation>Acerca de la estación de aprovisionamiento Blackbird</translation>
    </message>
    <message>
        <source>Blackbird Provisioning Station %1

Gives IoT devices their identity on the factory floor.</source>
        <translation>Estación de aprovisionamiento Blackbird %1

Da su identidad a los dispositivos IoT en la planta de fabricación.</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>Línea de &amp;tiempo</translation>
    </message>
    <message>
        <source>Raw &amp;console</source>
        <translation>&amp;Consola sin procesar</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Puertos</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Con&amp;figuración…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>&amp;Dispositivo</translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation>&amp;Estación</translation>
    </message>
    <message>
        <source>&amp;Field service…</source>
        <translation>&amp;Servicio técnico…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Back to &amp;production</source>
        <translation>Volver a &amp;producción</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Lock station…</source>
        <translation>&amp;Bloquear estación…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Unlock station…</source>
        <translation>&amp;Desbloquear estación…</translation>
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
        <translation>&amp;Pitido cuando falle un dispositivo</translation>
    </message>
    <message>
        <source>Show an &amp;alert banner when a device fails</source>
        <translation>Mostrar un &amp;aviso cuando falle un dispositivo</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>As the &amp;system</source>
        <translation>Como el &amp;sistema</translation>
    </message>
    <message>
        <source>The station speaks %1 from its next start.</source>
        <translation>Idioma de la estación a partir del próximo inicio: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Ready. %n attempt(s) left running by the last run were marked interrupted.</source>
        <translation>
            <numerusform>Listo. %n intento que quedó en curso en la última ejecución se marcó como interrumpido.</numerusform>
            <numerusform>Listo. %n intentos que quedaron en curso en la última ejecución se marcaron como interrumpidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <source>Blocked: %1</source>
        <translation>Bloqueado: %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Broker: watching</source>
        <translation>Bróker: en observación</translation>
    </message>
    <message>
        <source>Broker: not connected (%1)</source>
        <translation>Bróker: no conectado (%1)</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <source>The station is locked; a supervisor must unlock it first.</source>
        <translation>La estación está bloqueada; primero debe desbloquearla un supervisor.</translation>
    </message>
    <message>
        <source>The station is not configured yet; open the settings first.</source>
        <translation>La estación aún no está configurada; abra primero la configuración.</translation>
    </message>
    <message>
        <source>Choose a field-service action.</source>
        <translation>Elija una acción de servicio técnico.</translation>
    </message>
    <message>
        <source>Field service needs a reason.</source>
        <translation>El servicio técnico necesita un motivo.</translation>
    </message>
    <message>
        <source>Back to production</source>
        <translation>Volver a producción</translation>
    </message>
    <message>
        <source>The station stays in field service: %1</source>
        <translation>La estación sigue en servicio técnico: %1</translation>
    </message>
    <message>
        <source>Field service</source>
        <translation>Servicio técnico</translation>
    </message>
    <message>
        <source>The station could not switch to field service: %1</source>
        <translation>La estación no pudo cambiar a servicio técnico: %1</translation>
    </message>
    <message>
        <source>Unlock station</source>
        <translation>Desbloquear estación</translation>
    </message>
    <message>
        <source>That is not the supervisor passphrase; the station stays locked.</source>
        <translation>Esa no es la frase de contraseña del supervisor; la estación sigue bloqueada.</translation>
    </message>
    <message>
        <source>Lock station</source>
        <translation>Bloquear estación</translation>
    </message>
    <message>
        <source>Lock the station? Settings and field service are hidden until a supervisor unlocks it with the passphrase. Provisioning goes on.</source>
        <translation>¿Bloquear la estación? La configuración y el servicio técnico quedan ocultos hasta que un supervisor la desbloquee con la frase de contraseña. El aprovisionamiento continúa.</translation>
    </message>
    <message>
        <source>Choose the supervisor passphrase (at least %1 characters). It is needed to unlock settings and field service.</source>
        <translation>Elija la frase de contraseña del supervisor (al menos %1 caracteres). Se necesita para desbloquear la configuración y el servicio técnico.</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>Vuelva a escribir la frase de contraseña:</translation>
    </message>
    <message>
        <source>The two passphrases differ; the station stays unlocked.</source>
        <translation>Las dos frases de contraseña no coinciden; la estación sigue desbloqueada.</translation>
    </message>
    <message>
        <source>The passphrase is shorter than %1 characters; the station stays unlocked.</source>
        <translation>La frase de contraseña tiene menos de %1 caracteres; la estación sigue desbloqueada.</translation>
    </message>
    <message>
        <source>Supervisor passphrase:</source>
        <translation>Frase de contraseña del supervisor:</translation>
    </message>
    <message>
        <source>Blackbird Provisioning Station (locked)</source>
        <translation>Estación de aprovisionamiento Blackbird (bloqueada)</translation>
    </message>
</context>
<context>
    <name>Blackbird::PortListModel</name>
    <message>
        <source>%1 (device %2)</source>
        <translation>%1 (dispositivo %2)</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Patrón</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Device node</source>
        <translation>Nodo de dispositivo</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>USB serial number</source>
        <translation>Número de serie USB</translation>
    </message>
    <message>
        <source>USB id</source>
        <translation>ID USB</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>Encontrado por</translation>
    </message>
</context>
<context>
    <name>Blackbird::PortsView</name>
    <message>
        <source>Device ports</source>
        <translation>Puertos de dispositivos</translation>
    </message>
    <message>
        <source>serial ports of this computer</source>
        <translation>puertos serie de este equipo</translation>
    </message>
    <message>
        <source>USB serial adapters with the set ids</source>
        <translation>adaptadores USB-serie con los ID configurados</translation>
    </message>
    <message>
        <source>Looking for device ports…</source>
        <translation>Buscando puertos de dispositivos…</translation>
    </message>
    <message>
        <source>No device ports found.

Plug in a device, or check where the station looks for ports:
%1</source>
        <translation>No se encontraron puertos de dispositivos.

Conecte un dispositivo o compruebe dónde busca puertos la estación:
%1</translation>
    </message>
    <message>
        <source>(nowhere: no pattern is set)</source>
        <translation>(en ningún sitio: no hay ningún patrón configurado)</translation>
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
        <translation>Recibido del dispositivo</translation>
    </message>
    <message>
        <source>Sent to the device</source>
        <translation>Enviado al dispositivo</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Bytes as text</source>
        <translation>Bytes como texto</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Desplazamiento</translation>
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
        <translation>Tráfico serie sin procesar</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Show the bytes as text, with control bytes escaped (Alt+T)</source>
        <translation>Mostrar los bytes como texto, con los bytes de control escapados (Alt+T)</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Show a hex dump with offsets (Alt+H)</source>
        <translation>Mostrar un volcado hexadecimal con desplazamientos (Alt+H)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <source>Raw traffic on %1</source>
        <translation>Tráfico sin procesar en %1</translation>
    </message>
    <message>
        <source>No port chosen: pick a device to see its raw traffic</source>
        <translation>Ningún puerto elegido: elija un dispositivo para ver su tráfico sin procesar</translation>
    </message>
    <message>
        <source>TX →</source>
        <translation>TX →</translation>
    </message>
    <message>
        <source>%1 bytes kept</source>
        <translation>%1 bytes conservados</translation>
    </message>
    <message>
        <source>(%1 older bytes dropped)</source>
        <translation>(%1 bytes antiguos descartados)</translation>
    </message>
    <message>
        <source>Copy the selected rows (Ctrl+C)</source>
        <translation>Copiar las filas seleccionadas (Ctrl+C)</translation>
    </message>
</context>
<context>
    <name>Blackbird::SettingsDialog</name>
    <message>
        <source>Start provisioning as soon as a device is plugged in</source>
        <translation>Iniciar el aprovisionamiento en cuanto se conecte un dispositivo</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Probar cone&amp;xión</translation>
    </message>
    <message>
        <source>Station settings</source>
        <translation>Configuración de la estación</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>&amp;Nombre del perfil:</translation>
    </message>
    <message>
        <source>Registration &amp;URL:</source>
        <translation>&amp;URL de registro:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>Archivo de &amp;CA:</translation>
    </message>
    <message>
        <source>C&amp;laim CA file:</source>
        <translation>Archivo de CA de rec&amp;lamación:</translation>
    </message>
    <message>
        <source>&amp;Broker host:</source>
        <translation>Host del &amp;bróker:</translation>
    </message>
    <message>
        <source>Broker &amp;port:</source>
        <translation>&amp;Puerto del bróker:</translation>
    </message>
    <message>
        <source>&amp;Operator certificate:</source>
        <translation>Certificado del &amp;operario:</translation>
    </message>
    <message>
        <source>e.g. blackbird-sensor-v1, blackbird-gateway-v1</source>
        <translation>p. ej., blackbird-sensor-v1, blackbird-gateway-v1</translation>
    </message>
    <message>
        <source>&amp;Device types:</source>
        <translation>Tipos de &amp;dispositivo:</translation>
    </message>
    <message>
        <source>One path pattern per line, e.g. /dev/serial/by-id/*</source>
        <translation>Un patrón de ruta por línea, p. ej., /dev/serial/by-id/*</translation>
    </message>
    <message>
        <source>Port p&amp;atterns:</source>
        <translation>Patrones de pue&amp;rto:</translation>
    </message>
    <message>
        <source>e.g. 0403:6001, 10c4 (empty: any USB adapter)</source>
        <translation>p. ej., 0403:6001, 10c4 (vacío: cualquier adaptador USB)</translation>
    </message>
    <message>
        <source>USB &amp;ids:</source>
        <translation>&amp;ID USB:</translation>
    </message>
    <message>
        <source>Devices at &amp;once:</source>
        <translation>Dispositivos si&amp;multáneos:</translation>
    </message>
    <message>
        <source>Baud &amp;rate:</source>
        <translation>&amp;Velocidad en baudios:</translation>
    </message>
    <message>
        <source>empty: this computer&apos;s host name</source>
        <translation>vacío: nombre de host de este equipo</translation>
    </message>
    <message>
        <source>&amp;Station id:</source>
        <translation>ID de la e&amp;stación:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>leave empty to keep the stored key</source>
        <translation>déjelo vacío para conservar la clave guardada</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>Cl&amp;ave de API:</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 falló: %2</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation>Elija un archivo para %1</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>Archivos PEM (*.pem *.crt *.key);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>BLACKBIRD_API_KEY is set in the environment and overrides the keychain on this station.</source>
        <translation>BLACKBIRD_API_KEY está definida en el entorno y prevalece sobre el llavero en esta estación.</translation>
    </message>
    <message>
        <source>Stored only in the system keychain, never in the profile file.</source>
        <translation>Se guarda solo en el llavero del sistema, nunca en el archivo de perfil.</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Buscando en el llavero…</translation>
    </message>
    <message>
        <source>A key for this profile is stored in the keychain.</source>
        <translation>Hay una clave de este perfil guardada en el llavero.</translation>
    </message>
    <message>
        <source>No key stored for this profile yet: enter one.</source>
        <translation>Aún no hay ninguna clave guardada para este perfil: escriba una.</translation>
    </message>
    <message>
        <source>The profile name must be 1 to 64 letters, digits, dots, underscores or hyphens, not starting with a dot.</source>
        <translation>El nombre del perfil debe tener de 1 a 64 letras, dígitos, puntos, guiones bajos o guiones, y no empezar por un punto.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a USB id; write vendor:product in hex, e.g. 0403:6001.</source>
        <translation>«%1» no es un ID USB; escriba fabricante:producto en hexadecimal, p. ej., 0403:6001.</translation>
    </message>
    <message>
        <source>The registration URL must start with https://.</source>
        <translation>La URL de registro debe empezar por https://.</translation>
    </message>
    <message>
        <source>The API key contains spaces; paste it again without them.</source>
        <translation>La clave de API contiene espacios; vuelva a pegarla sin ellos.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Probando la conexión…</translation>
    </message>
    <message>
        <source>Storing the API key in the keychain…</source>
        <translation>Guardando la clave de API en el llavero…</translation>
    </message>
    <message>
        <source>The API key was not stored: %1</source>
        <translation>No se guardó la clave de API: %1</translation>
    </message>
    <message>
        <source>Saving the profile…</source>
        <translation>Guardando el perfil…</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>No se guardó el perfil: %1</translation>
    </message>
    <message>
        <source>Operator ke&amp;y:</source>
        <translation>Clave del op&amp;erario:</translation>
    </message>
    <message>
        <source>Provisioning te&amp;mplate:</source>
        <translation>Plan&amp;tilla de aprovisionamiento:</translation>
    </message>
</context>
<context>
    <name>Blackbird::StationController</name>
    <message>
        <source>the station was closed</source>
        <translation>se cerró la estación</translation>
    </message>
    <message>
        <source>No station profile yet. Open File &gt; Settings to create one.</source>
        <translation>Aún no hay perfil de estación. Abra Archivo &gt; Configuración para crear uno.</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operario</translation>
    </message>
    <message>
        <source>The broker cannot be watched, so no device can be verified: %1</source>
        <translation>No se puede observar el bróker, así que no se puede verificar ningún dispositivo: %1</translation>
    </message>
    <message>
        <source>The audit database could not be opened, so no device starts: %1</source>
        <translation>No se pudo abrir la base de datos de auditoría, así que no se inicia ningún dispositivo: %1</translation>
    </message>
    <message>
        <source>No API key for profile %1: %2 Enter it in File &gt; Settings.</source>
        <translation>No hay clave de API para el perfil %1: %2 Escríbala en Archivo &gt; Configuración.</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineModel</name>
    <message>
        <source>Debug</source>
        <translation>Depuración</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Consola</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>Bróker</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <source>Station time: %1 (%2 UTC)</source>
        <translation>Hora de la estación: %1 (%2 UTC)</translation>
    </message>
    <message>
        <source>The device gave no time for this line</source>
        <translation>El dispositivo no indicó la hora de esta línea</translation>
    </message>
    <message>
        <source>Device time: %1 (%2 UTC)</source>
        <translation>Hora del dispositivo: %1 (%2 UTC)</translation>
    </message>
    <message>
        <source>%1, device %2</source>
        <translation>%1, dispositivo %2</translation>
    </message>
    <message>
        <source>%1 %2 %3: %4</source>
        <translation>%1 %2 %3: %4</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Device time</source>
        <translation>Hora del dispositivo</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineStore</name>
    <message>
        <source>Could not write the timeline to %1: %2</source>
        <translation>No se pudo escribir la línea de tiempo en %1: %2</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Línea de tiempo</translation>
    </message>
    <message>
        <source>Copy lines</source>
        <translation>Copiar líneas</translation>
    </message>
    <message>
        <source>Lowest level shown</source>
        <translation>Nivel mínimo mostrado</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Todos los niveles</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info y superiores</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Advertencias y errores</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Solo errores</translation>
    </message>
    <message>
        <source>Lines from the source %1: click to show or hide them</source>
        <translation>Líneas del origen %1: haga clic para mostrarlas u ocultarlas</translation>
    </message>
    <message>
        <source>Show lines from the source %1</source>
        <translation>Mostrar las líneas del origen %1</translation>
    </message>
    <message>
        <source>Search the timeline</source>
        <translation>Buscar en la línea de tiempo</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <source>Keep the newest line in view (Ctrl+End)</source>
        <translation>Mantener visible la línea más reciente (Ctrl+Fin)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the selected lines with both timestamps (Ctrl+C)</source>
        <translation>Copiar las líneas seleccionadas con ambas marcas de tiempo (Ctrl+C)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save the lines shown to a text file with both timestamps</source>
        <translation>Guardar las líneas mostradas en un archivo de texto con ambas marcas de tiempo</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 línea</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 líneas</translation>
    </message>
    <message>
        <source>%1 of 1 line matches</source>
        <translation>%1 de 1 línea coincide</translation>
    </message>
    <message>
        <source>%1 of %2 lines match</source>
        <translation>%1 de %2 líneas coinciden</translation>
    </message>
    <message>
        <source>(following paused: scroll to the end or press Follow)</source>
        <translation>(seguimiento en pausa: desplácese hasta el final o pulse Seguir)</translation>
    </message>
    <message>
        <source>Saved 1 line to %1</source>
        <translation>1 línea guardada en %1</translation>
    </message>
    <message>
        <source>Saved %1 lines to %2</source>
        <translation>%1 líneas guardadas en %2</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>Exportar línea de tiempo</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Archivos de texto (*.txt);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Gives IoT devices their identity over USB serial.</source>
        <translation>Da su identidad a los dispositivos IoT por USB serie.</translation>
    </message>
    <message>
        <source>Watch only ports whose path matches &lt;glob&gt; (repeatable); replaces the profile&apos;s patterns and USB ids.</source>
        <translation>Vigilar solo los puertos cuya ruta coincida con &lt;glob&gt; (se puede repetir); sustituye los patrones e ID USB del perfil.</translation>
    </message>
    <message>
        <source>Read and write the window&apos;s settings in the INI &lt;file&gt;.</source>
        <translation>Leer y escribir la configuración de la ventana en el archivo INI &lt;file&gt;.</translation>
    </message>
    <message>
        <source>Use the station profile &lt;name&gt; (default: the first).</source>
        <translation>Usar el perfil de estación &lt;name&gt; (predeterminado: el primero).</translation>
    </message>
    <message>
        <source>Keep station profiles in &lt;folder&gt;.</source>
        <translation>Guardar los perfiles de estación en la carpeta &lt;folder&gt;.</translation>
    </message>
    <message>
        <source>Take the endpoints from a local stack&apos;s endpoints.json &lt;file&gt; instead of a profile. The API key still comes from BLACKBIRD_API_KEY or the keychain.</source>
        <translation>Tomar los puntos de conexión del archivo endpoints.json &lt;file&gt; de una pila local en lugar de un perfil. La clave de API sigue viniendo de BLACKBIRD_API_KEY o del llavero.</translation>
    </message>
    <message>
        <source>Provision every device as soon as its port appears.</source>
        <translation>Aprovisionar cada dispositivo en cuanto aparezca su puerto.</translation>
    </message>
    <message>
        <source>The batch id (default: now).</source>
        <translation>El ID de lote (predeterminado: ahora).</translation>
    </message>
    <message>
        <source>The operator&apos;s name (default: the user).</source>
        <translation>El nombre del operario (predeterminado: el usuario).</translation>
    </message>
    <message>
        <source>Keep the audit records in the SQLite &lt;file&gt;.</source>
        <translation>Guardar los registros de auditoría en el archivo SQLite &lt;file&gt;.</translation>
    </message>
    <message>
        <source>The new settings were not applied: %1</source>
        <translation>No se aplicó la nueva configuración: %1</translation>
    </message>
</context>
</TS>
