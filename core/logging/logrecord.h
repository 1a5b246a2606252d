// One message from a logging category, as the station's log view shows it.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Blackbird {

struct LogRecord
{
    QDateTime time;
    QtMsgType type = QtInfoMsg;
    QString category;
    QString message;
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::LogRecord)
