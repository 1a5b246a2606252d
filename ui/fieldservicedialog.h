// Field service, for an engineer next to one device: the station leaves production mode for one
// of the re-provisioning actions (rotate the device's identity with its stored claim, replace the
// claim credentials, erase them), which needs a reason that goes into every audit record, and an
// explicit confirmation for erasing. Devices started afterwards run in that mode until the
// engineer switches back to production.
//
// SupervisorLock keeps the station's settings and field service away from the shift: while
// locked, the Settings dialog and the field-service switch are hidden, and unlocking needs the
// supervisor passphrase. The passphrase is kept only as a salted PBKDF2-SHA256 hash in the
// station's settings file; hashing runs on a worker thread, never on the GUI thread.
#pragma once

#include "pipeline/provisioningtypes.h"

#include <QDialog>
#include <QFuture>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSettings;

namespace Blackbird {

class FieldServiceDialog : public QDialog
{
    Q_OBJECT

public:
    // device, when given, is shown so the engineer sees what the station knows of it.
    explicit FieldServiceDialog(const DeviceSnapshot &device = {}, QWidget *parent = nullptr);

    ServiceMode mode() const;
    void setMode(ServiceMode mode);
    QString reason() const;
    void setReason(const QString &reason);
    bool eraseConfirmed() const;
    void setEraseConfirmed(bool confirmed);
    // Why the dialog refuses to close, or empty when it would accept.
    QString problem() const;
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    void updateState();

    QComboBox *m_mode;
    QLabel *m_explanation;
    QPlainTextEdit *m_reason;
    QCheckBox *m_confirmErase;
    QLabel *m_error;
};

class SupervisorLock
{
public:
    static constexpr int MinimumPassphraseLength = 6;

    // settings must outlive the lock.
    explicit SupervisorLock(QSettings *settings);

    bool isLocked() const;
    void setLocked(bool locked);
    bool hasPassphrase() const;
    // Derives and stores the hash on a worker thread; the future says whether it was stored
    // (false with a too short passphrase).
    QFuture<bool> setPassphrase(const QString &passphrase);
    // Compares on a worker thread; false when no passphrase is set.
    QFuture<bool> verify(const QString &passphrase) const;

    static QByteArray derive(const QString &passphrase, const QByteArray &salt, int iterations);

private:
    QSettings *m_settings;
};

} // namespace Blackbird
