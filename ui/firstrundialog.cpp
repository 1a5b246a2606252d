#include "firstrundialog.h"

#include "logging/logcategories.h"
#include "mainwindow.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Blackbird {

namespace {

struct ImportResult
{
    std::optional<StationProfile> profile;
    QString error;
};

} // namespace

FirstRunDialog::FirstRunDialog(QWidget *parent)
    : QDialog(parent)
    , m_status(new QLabel(this))
    , m_import(new QPushButton(tr("Import a test stack's endpoints…"), this))
    , m_settings(new QPushButton(tr("Enter the settings…"), this))
    , m_later(new QPushButton(tr("Not now"), this))
{
    setObjectName(QStringLiteral("firstRunDialog"));
    setWindowTitle(tr("Set up this station"));
    auto *text = new QLabel(
        tr("<p><b>This station has no profile yet.</b></p>"
           "<p>A profile says where the registration service and the broker are, which device "
           "types and fleet-provisioning template to use and which ports to watch. The API key is "
           "kept in the system's keychain, never in the profile.</p>"
           "<p>On a test bench running <tt>blackbird-local</tt>, import its "
           "<tt>endpoints.json</tt>; otherwise enter the settings your Blackbird account "
           "gives.</p>"),
        this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    m_status->setObjectName(QStringLiteral("firstRunStatus"));
    m_status->setWordWrap(true);
    m_import->setObjectName(QStringLiteral("firstRunImport"));
    m_settings->setObjectName(QStringLiteral("firstRunSettings"));
    m_later->setObjectName(QStringLiteral("firstRunLater"));
    m_settings->setDefault(true);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    buttons->addButton(m_settings, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_later, QDialogButtonBox::RejectRole);
    connect(m_import, &QPushButton::clicked, this, &FirstRunDialog::chooseEndpointsFile);
    connect(m_settings, &QPushButton::clicked, this, [this] {
        Q_EMIT settingsRequested();
        accept();
    });
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
}

QString FirstRunDialog::statusText() const
{
    return m_status->text();
}

void FirstRunDialog::chooseEndpointsFile()
{
    auto *dialog = new QFileDialog(this, tr("Endpoints of a local Blackbird stack"), QString(),
                                   tr("Endpoints (endpoints.json);;JSON files (*.json)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &FirstRunDialog::importEndpoints);
    dialog->open();
}

void FirstRunDialog::importEndpoints(const QString &endpointsFile)
{
    m_import->setEnabled(false);
    m_status->setText(tr("Reading %1…").arg(endpointsFile));
    auto *watcher = new QFutureWatcher<ImportResult>(this);
    connect(watcher, &QFutureWatcher<ImportResult>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const ImportResult result = watcher->result();
        m_import->setEnabled(true);
        if (!result.profile) {
            m_status->setText(tr("The endpoints were not imported: %1").arg(result.error));
            qCWarning(lcUi).noquote() << "first run: import refused:" << result.error;
            Q_EMIT importFinished(StationProfile(), result.error);
            return;
        }
        m_status->setText(tr("Imported. Check the settings, enter the API key and save."));
        Q_EMIT importFinished(*result.profile, QString());
        accept();
    });
    watcher->setFuture(QtConcurrent::run([endpointsFile] {
        ImportResult result;
        // No API key argument: the file's demo key stays in the file.
        result.profile =
            StationProfile::fromEndpoints(endpointsFile, QStringLiteral("default"), &result.error);
        return result;
    }));
}

FirstRunDialog *offerFirstRun(MainWindow *window, const ProfileStore *store)
{
    if (!store || !store->names().isEmpty())
        return nullptr;
    auto *dialog = new FirstRunDialog(window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &FirstRunDialog::settingsRequested, window, &MainWindow::showSettings);
    QObject::connect(dialog, &FirstRunDialog::importFinished, window,
                     [window, store](const StationProfile &profile, const QString &error) {
                         if (!error.isEmpty())
                             return; // the dialog says why and stays open
                         window->setProfileSupport(window->apiKeys(), store, profile);
                         window->showSettings();
                     });
    dialog->open();
    return dialog;
}

} // namespace Blackbird
