// The first start of a station that has no profile yet: it says so in words and offers the two
// ways to get going, importing the endpoints of a local Blackbird stack (for a test bench) or
// typing the settings, instead of leaving the technician in front of an empty board.
#pragma once

#include "settings/stationprofile.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace Blackbird {

class MainWindow;

class FirstRunDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FirstRunDialog(QWidget *parent = nullptr);

    // Reads endpointsFile on a worker thread; importFinished follows. The file's demo API key is
    // not taken: the technician enters the key in the settings, which store it in the keychain.
    void importEndpoints(const QString &endpointsFile);

    QPushButton *importButton() const { return m_import; }
    QPushButton *settingsButton() const { return m_settings; }
    QPushButton *laterButton() const { return m_later; }
    QString statusText() const;

Q_SIGNALS:
    // The endpoints file gave a profile (named "default"); error is empty then.
    void importFinished(const Blackbird::StationProfile &profile, const QString &error);
    // The technician wants to type the settings.
    void settingsRequested();

private:
    void chooseEndpointsFile();

    QLabel *m_status;
    QPushButton *m_import;
    QPushButton *m_settings;
    QPushButton *m_later;
};

// Shows the dialog over window when store holds no profile; an imported profile or the typed
// settings then open in the window's Settings dialog, to be checked and saved. Returns the
// dialog (owned by window, deleted when closed) or null when there was nothing to offer.
FirstRunDialog *offerFirstRun(MainWindow *window, const ProfileStore *store);

} // namespace Blackbird
