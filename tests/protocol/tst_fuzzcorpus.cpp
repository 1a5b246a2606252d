// Runs the committed fuzz corpus (tests/fuzz/corpus) through the same entry function as the
// libFuzzer target, so every normal build checks the parser's invariants on those inputs.
#include "fuzzframeparser.h"

#include <QDir>
#include <QFile>
#include <QTest>

class TestFuzzCorpus : public QObject
{
    Q_OBJECT

private slots:
    void corpusIsThere();
    void invariantsHold_data();
    void invariantsHold();
    void everyControlByteOnOneInput_data();
    void everyControlByteOnOneInput();
};

namespace {

QStringList corpusFiles()
{
    const QDir dir(QStringLiteral(FUZZ_CORPUS_DIR));
    QStringList files;
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
        files.append(dir.filePath(name));
    return files;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void TestFuzzCorpus::corpusIsThere()
{
    QVERIFY2(corpusFiles().size() >= 10, FUZZ_CORPUS_DIR);
}

void TestFuzzCorpus::invariantsHold_data()
{
    QTest::addColumn<QString>("path");

    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestFuzzCorpus::invariantsHold()
{
    QFETCH(QString, path);
    const QByteArray input = readFile(path);
    QVERIFY(!input.isEmpty());

    const QString failure = Blackbird::Fuzz::checkFrameParser(input);

    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestFuzzCorpus::everyControlByteOnOneInput_data()
{
    QTest::addColumn<int>("control");

    for (int control = 0; control < 256; ++control)
        QTest::addRow("control 0x%02x", control) << control;
}

void TestFuzzCorpus::everyControlByteOnOneInput()
{
    // Every chunk size and both limits over the richest seed.
    QFETCH(int, control);
    QByteArray input = readFile(QStringLiteral(FUZZ_CORPUS_DIR "/console-and-frames"));
    QVERIFY(!input.isEmpty());
    input[0] = char(control);

    const QString failure = Blackbird::Fuzz::checkFrameParser(input);

    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
