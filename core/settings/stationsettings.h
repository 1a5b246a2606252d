// The station's settings behind typed accessors, with every key and its default in one table.
// Backed by QSettings; tests give each instance its own file. No secret is ever stored here: the
// API key lives in the OS keychain.
#pragma once

#include "ports/portinfo.h"

#include <QSettings>
#include <QString>
#include <QVariant>

#include <memory>

namespace Blackbird {

class StationSettings
{
public:
    enum class Key { PortPatterns, PortUsbIds, PortIncludeSystem, PortScanIntervalMs };

    // The user's settings (QSettings with the application's organisation and name).
    StationSettings();
    // Settings kept in one INI file, for tests and portable installs.
    explicit StationSettings(const QString &iniFile);

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    static QString name(Key key);
    static QVariant defaultValue(Key key);

    PortFilter portFilter() const;
    void setPortFilter(const PortFilter &filter);
    int portScanIntervalMs() const;

    QSettings &backend() { return *m_settings; }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Blackbird
