#include "stationtranslator.h"

#include "logging/logcategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace Blackbird {

namespace {

QPointer<QTranslator> s_station;
QPointer<QTranslator> s_qt;

void replace(QPointer<QTranslator> &slot, QTranslator *next)
{
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot;
    }
    slot = next;
    if (next)
        QCoreApplication::installTranslator(next);
}

} // namespace

QStringList stationLanguages()
{
    QStringList languages;
    const QStringList files =
        QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("blackbird_*.qm")}, QDir::Files);
    for (const QString &file : files)
        languages.append(file.mid(10).chopped(3)); // blackbird_<language>.qm
    return languages;
}

QString installStationTranslation(const QLocale &locale)
{
    auto *station = new QTranslator(QCoreApplication::instance());
    // Tries the locale's UI languages in order: de_DE finds blackbird_de, zh_Hans_CN finds
    // blackbird_zh_CN.
    if (locale.language() == QLocale::English || locale.language() == QLocale::C ||
        !station->load(locale, QStringLiteral("blackbird"), QStringLiteral("_"),
                       QStringLiteral(":/i18n"))) {
        delete station;
        replace(s_station, nullptr);
        replace(s_qt, nullptr);
        if (locale.language() != QLocale::English && locale.language() != QLocale::C)
            qCInfo(lcUi) << "No translation for" << locale.name() << "- the station speaks English";
        return {};
    }
    replace(s_station, station);

    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        replace(s_qt, qt);
    else {
        delete qt;
        replace(s_qt, nullptr);
        // Qt's own dialogs (file chooser, message box buttons) stay English; the package with
        // Qt's translations is not installed.
        qCInfo(lcUi) << "Qt's own translation for" << locale.name() << "is not installed";
    }

    const QString language = station->language();
    qCInfo(lcUi) << "Loaded the" << language << "translation for" << locale.name();
    return language;
}

} // namespace Blackbird
