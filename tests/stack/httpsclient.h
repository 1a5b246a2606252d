// Test helper: HTTPS requests with QNetworkAccessManager that trust only the given CA file
// (the stack's root CA), TLS 1.2 or newer, waiting on the reply's finished signal.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

struct HttpsResult
{
    int status = 0; // 0 when no HTTP answer came (TLS or connection failure)
    QByteArray body;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString;

    QByteArray header(const QByteArray &name) const;
};

class HttpsClient
{
public:
    explicit HttpsClient(const QString &caFile);

    HttpsResult post(const QUrl &url, const QByteArray &body, const QByteArray &apiKey,
                     const QByteArray &contentType = "application/json");
    HttpsResult get(const QUrl &url);

private:
    HttpsResult run(QNetworkReply *reply);
    QNetworkRequest request(const QUrl &url) const;

    QNetworkAccessManager m_manager;
    QSslConfiguration m_tls;
};
