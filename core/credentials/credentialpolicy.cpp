#include "credentialpolicy.h"

#include <QCoreApplication>
#include <QFile>

namespace Blackbird {

namespace {

bool readCertificates(const QString &file, QList<Certificate> *out, QString *error)
{
    if (file.isEmpty())
        return true;
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("Blackbird::CredentialPolicy",
                                             "Cannot read the CA file %1: %2.")
                     .arg(file, input.errorString());
        return false;
    }
    QString problem;
    *out = Certificate::listFromPem(input.readAll(), &problem);
    if (out->isEmpty()) {
        *error = QCoreApplication::translate("Blackbird::CredentialPolicy",
                                             "The CA file %1 holds no readable certificate (%2).")
                     .arg(file, problem);
        return false;
    }
    return true;
}

} // namespace

bool CredentialPolicy::load(const QString &claimCaFile, const QString &rootCaFile,
                            CredentialPolicy *policy, QString *error)
{
    CredentialPolicy loaded;
    QString problem;
    if (!readCertificates(claimCaFile, &loaded.claimCas, &problem) ||
        !readCertificates(rootCaFile, &loaded.rootCas, &problem)) {
        if (error)
            *error = problem;
        return false;
    }
    *policy = loaded;
    return true;
}

} // namespace Blackbird
