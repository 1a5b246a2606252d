// The compiled-in translations: German, Simplified Chinese and Spanish load from the locale
// (the way the station picks the system's), a known string of a real view comes out translated,
// and a locale without a translation leaves the station in English.
#include "stationtranslator.h"
#include "timeline/timelinestore.h"
#include "timelineview.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QXmlStreamReader>

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
    void everyStringIsTranslated_data();
    void everyStringIsTranslated();
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

void TestTranslations::everyStringIsTranslated_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : stationLanguages())
        QTest::newRow(qPrintable(language)) << language;
}

// lupdate run over today's sources into a copy of each .ts file finds nothing new or changed:
// the translations are complete and current.
void TestTranslations::everyStringIsTranslated()
{
    QFETCH(QString, language);
    const QString lupdate = qEnvironmentVariable("BLACKBIRD_LUPDATE");
    const QString sources = qEnvironmentVariable("BLACKBIRD_TR_SOURCES");
    const QString tsDir = qEnvironmentVariable("BLACKBIRD_TS_DIR");
    QVERIFY2(QFileInfo::exists(lupdate) && QFileInfo::exists(sources) && QDir(tsDir).exists(),
             "BLACKBIRD_LUPDATE, BLACKBIRD_TR_SOURCES and BLACKBIRD_TS_DIR must be set");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = QStringLiteral("blackbird_%1.ts").arg(language);
    const QString copy = dir.filePath(name);
    QVERIFY(QFile::copy(QDir(tsDir).filePath(name), copy));
    QProcess process;
    process.start(lupdate, {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                            QStringLiteral("none"), QLatin1Char('@') + sources,
                            QStringLiteral("-ts"), copy});
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QStringList untranslated;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation") &&
                   xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished")) {
            untranslated << source;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(QStringLiteral("%1 strings lack a %2 translation (run the "
                                       "update_translations target and translate them), "
                                       "first: %3")
                            .arg(untranslated.size())
                            .arg(language, untranslated.value(0))));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
