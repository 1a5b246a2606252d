<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
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
        <source>Watch ports whose path matches &lt;glob&gt; (repeatable); replaces the patterns in the settings.</source>
        <translation>Vigilar los puertos cuya ruta coincida con &lt;glob&gt; (repetible); sustituye los patrones de la configuración.</translation>
    </message>
    <message>
        <source>Read and write settings in the INI &lt;file&gt;.</source>
        <translation>Leer y escribir la configuración en el archivo INI &lt;file&gt;.</translation>
    </message>
</context>
</TS>
