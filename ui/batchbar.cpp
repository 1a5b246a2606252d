#include "batchbar.h"

#include "deviceboardmodel.h"
#include "pipeline/provisioningstation.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace Blackbird {

namespace {

QWidget *makeBanner(QWidget *parent, const QString &name, const QString &colour, QLabel **text)
{
    auto *banner = new QWidget(parent);
    banner->setObjectName(name);
    banner->setAutoFillBackground(true);
    banner->setStyleSheet(
        QStringLiteral("#%1 { background: %2; } #%1 QLabel { color: black; }").arg(name, colour));
    auto *layout = new QHBoxLayout(banner);
    auto *icon = new QLabel(banner);
    icon->setPixmap(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32));
    *text = new QLabel(banner);
    (*text)->setWordWrap(true);
    (*text)->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = (*text)->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    (*text)->setFont(big);
    layout->addWidget(icon);
    layout->addWidget(*text, 1);
    banner->hide();
    return banner;
}

} // namespace

BatchBar::BatchBar(QWidget *parent)
    : QWidget(parent)
    , m_batch(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_mode(new QLabel(this))
    , m_startAll(new QToolButton(this))
    , m_stopAll(new QToolButton(this))
{
    setObjectName(QStringLiteral("batchBar"));
    m_batch->setObjectName(QStringLiteral("batchLabel"));
    m_counts->setObjectName(QStringLiteral("countsLabel"));
    m_rate->setObjectName(QStringLiteral("rateLabel"));
    m_mode->setObjectName(QStringLiteral("modeLabel"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    for (QLabel *label : {m_batch, m_counts, m_rate, m_mode}) {
        label->setFont(big);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont bold = big;
    bold.setBold(true);
    m_counts->setFont(bold);
    // On a laptop's screen the batch's words wrap instead of widening the window past it.
    m_batch->setWordWrap(true);
    m_mode->setStyleSheet(QStringLiteral("QLabel { background: #ffd27f; color: black; "
                                         "padding: 2px 8px; }"));
    m_mode->hide();
    for (QToolButton *button : {m_startAll, m_stopAll}) {
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setIconSize(QSize(32, 32));
        button->setFont(big);
        button->hide();
    }
    m_startAll->setObjectName(QStringLiteral("batchStartAll"));
    m_stopAll->setObjectName(QStringLiteral("batchStopAll"));

    // The batch takes the spare width (so it wraps only when the window is narrow).
    auto *row = new QHBoxLayout;
    row->addWidget(m_batch, 1);
    row->addSpacing(24);
    row->addWidget(m_counts);
    row->addSpacing(24);
    row->addWidget(m_rate);
    row->addWidget(m_mode);
    row->addWidget(m_startAll);
    row->addWidget(m_stopAll);

    m_banner =
        makeBanner(this, QStringLiteral("alertBanner"), QStringLiteral("#ffb3b3"), &m_bannerText);
    m_bannerText->setObjectName(QStringLiteral("alertText"));
    m_dismiss = new QToolButton(m_banner);
    m_dismiss->setObjectName(QStringLiteral("dismissAlert"));
    m_dismiss->setText(tr("&Dismiss"));
    m_dismiss->setFont(big);
    m_dismiss->setToolTip(tr("Hide this alert until the next failure (Esc)"));
    m_dismiss->setShortcut(QKeySequence(Qt::Key_Escape));
    m_banner->layout()->addWidget(m_dismiss);
    connect(m_dismiss, &QToolButton::clicked, this, &BatchBar::dismissAlert);

    m_blocked = makeBanner(this, QStringLiteral("blockedBanner"), QStringLiteral("#ffd27f"),
                           &m_blockedText);
    m_blockedText->setObjectName(QStringLiteral("blockedText"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(row);
    layout->addWidget(m_blocked);
    layout->addWidget(m_banner);

    setBatch({});
    setCounters({});
}

void BatchBar::setStation(ProvisioningStation *station)
{
    if (m_station)
        disconnect(m_station, nullptr, this, nullptr);
    m_station = station;
    if (!station)
        return;
    connect(station, &ProvisioningStation::countersChanged, this, &BatchBar::setCounters);
    connect(station, &ProvisioningStation::deviceFinished, this, &BatchBar::onDeviceFinished);
    connect(station, &ProvisioningStation::startsBlockedChanged, this, &BatchBar::onStartsBlocked);
    setBatch(station->batch());
    setCounters(station->counters());
    setMode(station->config().mode, station->config().reason);
}

void BatchBar::setActions(QAction *startAll, QAction *stopAll)
{
    m_startAll->setDefaultAction(startAll);
    m_stopAll->setDefaultAction(stopAll);
    m_startAll->show();
    m_stopAll->show();
}

void BatchBar::setBatch(const BatchContext &batch)
{
    const auto orDash = [](const QString &text) {
        return text.isEmpty() ? QStringLiteral("—") : text.toHtmlEscaped();
    };
    m_batch->setText(
        tr("Batch <b>%1</b> · Operator <b>%2</b> · Station <b>%3</b>")
            .arg(orDash(batch.batchId), orDash(batch.operatorName), orDash(batch.stationId)));
}

QString BatchBar::countersText(const BatchCounters &counters)
{
    return tr("✔ %1 passed   ✖ %2 failed   ▶ %3 running   %4 skipped")
        .arg(counters.passed)
        .arg(counters.failed)
        .arg(counters.running + counters.queued)
        .arg(counters.skipped);
}

void BatchBar::setCounters(const BatchCounters &counters)
{
    m_counts->setText(countersText(counters));
    m_counts->setAccessibleName(m_counts->text());
    m_rate->setText(tr("%1 devices/hour").arg(counters.devicesPerHour, 0, 'f', 1));
}

void BatchBar::setMode(ServiceMode mode, const QString &reason)
{
    if (mode == ServiceMode::Production) {
        m_mode->hide();
        return;
    }
    m_mode->setText(tr("FIELD SERVICE: %1 — %2")
                        .arg(DeviceBoardModel::modeLabel(mode), reason.toHtmlEscaped()));
    m_mode->show();
}

void BatchBar::setBannerEnabled(bool enabled)
{
    m_bannerOn = enabled;
    if (!enabled)
        m_banner->hide();
}

void BatchBar::alert(const QString &text)
{
    ++m_failuresSinceDismiss;
    QString shown = text;
    if (m_failuresSinceDismiss > 1)
        shown += QLatin1Char('\n') +
                 tr("(%1 failures since the last dismiss)").arg(m_failuresSinceDismiss);
    m_bannerText->setText(shown);
    if (m_bannerOn)
        m_banner->show();
    if (m_sound) {
        ++m_beeps;
        QApplication::beep();
    }
    Q_EMIT alertRaised(text);
}

void BatchBar::dismissAlert()
{
    m_failuresSinceDismiss = 0;
    m_failedPorts.clear();
    m_banner->hide();
}

bool BatchBar::isAlertShown() const
{
    return !m_banner->isHidden();
}

QString BatchBar::alertText() const
{
    return m_bannerText->text();
}

void BatchBar::onDeviceFinished(const DeviceSnapshot &snapshot)
{
    if (snapshot.state != DeviceState::Failed) {
        // An alert about devices that all passed since would send the technician after nothing.
        if (m_failedPorts.remove(snapshot.port) && m_failedPorts.isEmpty() &&
            snapshot.state == DeviceState::Passed)
            dismissAlert();
        return;
    }
    alert(tr("%1 failed at %2: %3")
              .arg(snapshot.port.section(QLatin1Char('/'), -1),
                   DeviceBoardModel::stepLabel(snapshot.step),
                   snapshot.error.isEmpty() ? tr("no reason given") : snapshot.error));
    m_failedPorts.insert(snapshot.port);
}

void BatchBar::onStartsBlocked(bool blocked, const QString &reason)
{
    m_blockedText->setText(tr("No new device starts: %1").arg(reason));
    m_blocked->setVisible(blocked);
}

} // namespace Blackbird
