// The station speaks the user's language: German, Simplified Chinese and Spanish are compiled
// into the program (":/i18n/blackbird_<language>.qm"), and Qt's own dialogs follow through
// Qt's installed translations. English is the source language and needs no file.
#pragma once

#include <QLocale>
#include <QString>

namespace Blackbird {

// Installs the translation for locale on the application, replacing one installed before.
// Returns the name of the translation loaded ("de", "zh_CN", "es"), or an empty string when the
// locale is English or has no translation (the window then stays in English).
QString installStationTranslation(const QLocale &locale = QLocale::system());

// The languages the station has a translation for, as locale names.
QStringList stationLanguages();

} // namespace Blackbird
