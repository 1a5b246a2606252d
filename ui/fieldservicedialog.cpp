#include "fieldservicedialog.h"

#include "deviceboardmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPasswordDigestor>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Blackbird {

namespace {

const QString kLockedKey = QStringLiteral("lock/locked");
const QString kSaltKey = QStringLiteral("lock/salt");
const QString kHashKey = QStringLiteral("lock/hash");
const QString kIterationsKey = QStringLiteral("lock/iterations");
constexpr int kIterations = 120000;

} // namespace

FieldServiceDialog::FieldServiceDialog(const DeviceSnapshot &device, QWidget *parent)
    : QDialog(parent)
    , m_mode(new QComboBox(this))
    , m_explanation(new QLabel(this))
    , m_reason(new QPlainTextEdit(this))
    , m_confirmErase(new QCheckBox(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("fieldServiceDialog"));
    setWindowTitle(tr("Field service"));

    auto *form = new QFormLayout;
    if (!device.port.isEmpty()) {
        auto *identity = new QLabel(this);
        identity->setObjectName(QStringLiteral("deviceIdentity"));
        identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
        identity->setText(
            tr("Port %1\nDevice %2 (%3, firmware %4)\nLast outcome: %5\nThing: %6")
                .arg(device.port,
                     device.deviceUuid.isEmpty() ? tr("not identified yet") : device.deviceUuid,
                     device.deviceType.isEmpty() ? tr("type unknown") : device.deviceType,
                     device.firmware.isEmpty() ? tr("unknown") : device.firmware,
                     DeviceBoardModel::outcomeText(device),
                     device.thingName.isEmpty() ? tr("none known") : device.thingName));
        form->addRow(tr("Device:"), identity);
    }

    m_mode->setObjectName(QStringLiteral("fieldServiceAction"));
    m_mode->setAccessibleName(tr("Field-service action"));
    m_mode->addItem(DeviceBoardModel::modeLabel(ServiceMode::Rotate), int(ServiceMode::Rotate));
    m_mode->addItem(DeviceBoardModel::modeLabel(ServiceMode::ReplaceClaim),
                    int(ServiceMode::ReplaceClaim));
    m_mode->addItem(DeviceBoardModel::modeLabel(ServiceMode::EraseClaim),
                    int(ServiceMode::EraseClaim));
    form->addRow(tr("&Action:"), m_mode);
    m_explanation->setWordWrap(true);
    form->addRow(QString(), m_explanation);

    m_reason->setObjectName(QStringLiteral("fieldServiceReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(
        tr("Why this device is serviced, e.g. \"RMA 4711: claim expired in storage\""));
    m_reason->setTabChangesFocus(true);
    m_reason->setMaximumHeight(fontMetrics().height() * 5);
    form->addRow(tr("&Reason (required):"), m_reason);

    m_confirmErase->setObjectName(QStringLiteral("confirmErase"));
    m_confirmErase->setText(
        tr("I understand that the device cannot provision again until it gets new claim "
           "credentials"));
    form->addRow(QString(), m_confirmErase);

    m_error->setObjectName(QStringLiteral("fieldServiceError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00000; font-weight: bold; }"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Switch to field service"));
    connect(buttons, &QDialogButtonBox::accepted, this, &FieldServiceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Devices you start from now on run the chosen action instead of "
                                "production provisioning, until you switch back to production. "
                                "The reason is written to every audit record."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &FieldServiceDialog::updateState);
    updateState();
    resize(560, sizeHint().height());
}

ServiceMode FieldServiceDialog::mode() const
{
    return ServiceMode(m_mode->currentData().toInt());
}

void FieldServiceDialog::setMode(ServiceMode mode)
{
    const int index = m_mode->findData(int(mode));
    if (index >= 0)
        m_mode->setCurrentIndex(index);
}

QString FieldServiceDialog::reason() const
{
    return m_reason->toPlainText().simplified();
}

void FieldServiceDialog::setReason(const QString &reason)
{
    m_reason->setPlainText(reason);
}

bool FieldServiceDialog::eraseConfirmed() const
{
    return mode() == ServiceMode::EraseClaim && m_confirmErase->isChecked();
}

void FieldServiceDialog::setEraseConfirmed(bool confirmed)
{
    m_confirmErase->setChecked(confirmed);
}

QString FieldServiceDialog::errorText() const
{
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

QString FieldServiceDialog::problem() const
{
    if (reason().isEmpty())
        return tr("Enter the reason for this field service; it is recorded with every attempt.");
    if (reason().size() < 4)
        return tr("The reason is too short to mean anything in the audit record.");
    if (mode() == ServiceMode::EraseClaim && !m_confirmErase->isChecked())
        return tr("Erasing the claim needs your confirmation: tick the box above.");
    return {};
}

void FieldServiceDialog::accept()
{
    const QString why = problem();
    if (!why.isEmpty()) {
        m_error->setText(why);
        m_error->show();
        if (reason().size() < 4)
            m_reason->setFocus();
        return;
    }
    m_error->hide();
    QDialog::accept();
}

void FieldServiceDialog::updateState()
{
    switch (mode()) {
    case ServiceMode::Rotate:
        m_explanation->setText(tr("Runs fleet provisioning again with the claim the device "
                                  "already stores; the device gets a new permanent "
                                  "certificate."));
        break;
    case ServiceMode::ReplaceClaim:
        m_explanation->setText(tr("Registers the device again and gives it new claim "
                                  "credentials, replacing the stored ones."));
        break;
    case ServiceMode::EraseClaim:
        m_explanation->setText(tr("Erases the claim credentials stored on the device."));
        break;
    case ServiceMode::Production:
        break;
    }
    m_confirmErase->setVisible(mode() == ServiceMode::EraseClaim);
}

SupervisorLock::SupervisorLock(QSettings *settings)
    : m_settings(settings)
{}

bool SupervisorLock::isLocked() const
{
    return m_settings->value(kLockedKey, false).toBool();
}

void SupervisorLock::setLocked(bool locked)
{
    m_settings->setValue(kLockedKey, locked);
    m_settings->sync();
}

bool SupervisorLock::hasPassphrase() const
{
    return !m_settings->value(kHashKey).toByteArray().isEmpty();
}

QByteArray SupervisorLock::derive(const QString &passphrase, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, passphrase.toUtf8(), salt,
                                              iterations, 32);
}

QFuture<bool> SupervisorLock::setPassphrase(const QString &passphrase)
{
    if (passphrase.size() < MinimumPassphraseLength)
        return QtFuture::makeReadyFuture(false);
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()),
                                          salt.size() / int(sizeof(quint32)));
    QSettings *settings = m_settings;
    return QtConcurrent::run([passphrase, salt] { return derive(passphrase, salt, kIterations); })
        .then(settings, [settings, salt](const QByteArray &hash) {
            settings->setValue(kSaltKey, salt.toBase64());
            settings->setValue(kHashKey, hash.toBase64());
            settings->setValue(kIterationsKey, kIterations);
            settings->sync();
            return true;
        });
}

QFuture<bool> SupervisorLock::verify(const QString &passphrase) const
{
    const QByteArray salt = QByteArray::fromBase64(m_settings->value(kSaltKey).toByteArray());
    const QByteArray hash = QByteArray::fromBase64(m_settings->value(kHashKey).toByteArray());
    const int iterations = m_settings->value(kIterationsKey, kIterations).toInt();
    if (hash.isEmpty() || salt.isEmpty() || iterations <= 0)
        return QtFuture::makeReadyFuture(false);
    return QtConcurrent::run([passphrase, salt, hash, iterations] {
        const QByteArray candidate = derive(passphrase, salt, iterations);
        // Compare every byte, so the time does not say how much matched.
        if (candidate.size() != hash.size())
            return false;
        unsigned char difference = 0;
        for (qsizetype i = 0; i < hash.size(); ++i)
            difference |= static_cast<unsigned char>(candidate[i] ^ hash[i]);
        return difference == 0;
    });
}

} // namespace Blackbird
