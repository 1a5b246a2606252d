// The station's log: every message of the blackbird.* categories, newest at the bottom, following
// new messages while the view is scrolled to the end.
#pragma once

#include <QWidget>

class QTableView;

namespace Blackbird {

class LogModel;

class LogView : public QWidget
{
    Q_OBJECT

public:
    explicit LogView(LogModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }

private:
    LogModel *m_model;
    QTableView *m_table;
    bool m_follow = true;
};

} // namespace Blackbird
