// The compiled-in translations: German, Simplified Chinese and Spanish load from the locale
// (the way the station picks the system's), a known string of a real view comes out translated,
// and a locale without a translation leaves the station in English.
#include "stationtranslator.h"
#include "timeline/timelinestore.h"
#include "timelineview.h"

#include <QComboBox>
#include <QDir>
#include <QTest>
#include <QToolButton>

using namespace Blackbird;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { installStationTranslation(QLocale(QLocale::English)); }
    void listsItsLanguages();
    void translatesTheViews_data();
    void translatesTheViews();
    void fallsBackToEnglish();
};

void TestTranslations::listsItsLanguages()
{
    QStringList languages = stationLanguages();
    languages.sort();
    QCOMPARE(languages, (QStringList{"de", "es", "zh_CN"}));
}

void TestTranslations::translatesTheViews_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("follow");
    QTest::addColumn<QString>("errorsOnly");
    QTest::newRow("German") << "de_DE"
                            << "de"
                            << "Folgen"
                            << "Nur Fehler";
    QTest::newRow("Austrian German") << "de_AT"
                                     << "de"
                                     << "Folgen"
                                     << "Nur Fehler";
    QTest::newRow("Simplified Chinese") << "zh_CN"
                                        << "zh_CN"
                                        << "跟随"
                                        << "仅错误";
    QTest::newRow("Spanish") << "es_ES"
                             << "es"
                             << "Seguir"
                             << "Solo errores";
    QTest::newRow("Mexican Spanish") << "es_MX"
                                     << "es"
                                     << "Seguir"
                                     << "Solo errores";
}

void TestTranslations::translatesTheViews()
{
    QFETCH(QString, locale);
    QFETCH(QString, language);
    QFETCH(QString, follow);
    QFETCH(QString, errorsOnly);

    QCOMPARE(installStationTranslation(QLocale(locale)), language);
    QCOMPARE(QCoreApplication::translate("Blackbird::TimelineView", "Follow"), follow);

    TimelineStore store;
    TimelineView view(&store);
    QCOMPARE(view.findChild<QToolButton *>(QStringLiteral("timelineFollow"))->text(), follow);
    auto *level = view.findChild<QComboBox *>(QStringLiteral("timelineLevel"));
    QCOMPARE(level->itemText(3), errorsOnly);

    const QString dir = qEnvironmentVariable("BLACKBIRD_SCREENSHOT_DIR");
    if (!dir.isEmpty() && locale == QLatin1String("de_DE")) {
        TimelineEntry e;
        e.stationTime = QDateTime::currentDateTimeUtc();
        e.source = TimelineEntry::Source::Broker;
        e.level = TimelineEntry::Level::Error;
        e.port = QStringLiteral("/dev/ttyUSB3");
        e.text = QStringLiteral("RegisterThing rejected: errorCode InvalidParameters");
        store.append(e);
        store.flush();
        view.resize(1000, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(QDir(dir).filePath(QStringLiteral("timeline-view-de.png"))));
    }
}

void TestTranslations::fallsBackToEnglish()
{
    QCOMPARE(installStationTranslation(QLocale(QStringLiteral("de_DE"))), QStringLiteral("de"));
    QCOMPARE(installStationTranslation(QLocale(QStringLiteral("fr_FR"))), QString());
    QCOMPARE(QCoreApplication::translate("Blackbird::TimelineView", "Follow"),
             QStringLiteral("Follow"));
    QCOMPARE(installStationTranslation(QLocale(QLocale::English)), QString());
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
