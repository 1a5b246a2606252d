#include "httpsclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslConfiguration>

QByteArray HttpsResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpsClient::HttpsClient(const QString &caFile)
{
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setCaCertificates(QSslCertificate::fromPath(caFile));
    m_tls.setProtocol(QSsl::TlsV1_2OrLater);
    m_tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
}

QNetworkRequest HttpsClient::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(20000);
    return request;
}

HttpsResult HttpsClient::post(const QUrl &url, const QByteArray &body, const QByteArray &apiKey,
                              const QByteArray &contentType)
{
    QNetworkRequest req = request(url);
    if (!contentType.isEmpty())
        req.setRawHeader("Content-Type", contentType);
    if (!apiKey.isNull())
        req.setRawHeader("x-api-key", apiKey);
    return run(m_manager.post(req, body));
}

HttpsResult HttpsClient::get(const QUrl &url)
{
    return run(m_manager.get(request(url)));
}

HttpsResult HttpsClient::run(QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();

    HttpsResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    result.networkError = reply->error();
    result.errorString = reply->errorString();
    reply->deleteLater();
    return result;
}
