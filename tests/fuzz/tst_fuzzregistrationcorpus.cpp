// Runs the committed registration-response corpus (tests/fuzz/corpus-registrationresponse)
// through the same checks as the libFuzzer target, so every build keeps each input that ever
// mattered (seeds and former crashes) passing. Also checks that the checks themselves can fail.
#include "fuzzregistrationresponse.h"

#include <QDir>
#include <QFile>
#include <QTest>

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

class TestFuzzRegistrationCorpus : public QObject
{
    Q_OBJECT

private slots:
    void corpusIsThere();
    void invariantsHold_data();
    void invariantsHold();
    void everyPrefixOfTheValidAnswer();
};

void TestFuzzRegistrationCorpus::corpusIsThere()
{
    QVERIFY2(corpusFiles().size() >= 10, FUZZ_CORPUS_DIR);
    QVERIFY(readFile(QStringLiteral(FUZZ_CORPUS_DIR "/created")).contains("PRIVATE KEY"));
}

void TestFuzzRegistrationCorpus::invariantsHold_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : corpusFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestFuzzRegistrationCorpus::invariantsHold()
{
    QFETCH(QString, path);
    const QByteArray input = readFile(path);
    const QString failure = Blackbird::Fuzz::checkRegistrationResponse(input);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestFuzzRegistrationCorpus::everyPrefixOfTheValidAnswer()
{
    // Cutting a real answer anywhere must give a clean refusal, never a half-read key.
    const QByteArray answer = readFile(QStringLiteral(FUZZ_CORPUS_DIR "/created"));
    QVERIFY(!answer.isEmpty());
    for (qsizetype length = 0; length < answer.size(); ++length) {
        const QString failure = Blackbird::Fuzz::checkRegistrationResponse(answer.left(length));
        QVERIFY2(failure.isEmpty(), qPrintable(QString::number(length) + u": " + failure));
    }
}

QTEST_GUILESS_MAIN(TestFuzzRegistrationCorpus)
#include "tst_fuzzregistrationcorpus.moc"
