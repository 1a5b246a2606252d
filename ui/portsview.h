// The live list of candidate device ports, with a plain-words empty state that says where the
// station is looking when it finds nothing.
#pragma once

#include <QWidget>

class QLabel;
class QStackedLayout;
class QTableView;

namespace Blackbird {

class PortListModel;

class PortsView : public QWidget
{
    Q_OBJECT

public:
    explicit PortsView(PortListModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }

private:
    void updateState();

    PortListModel *m_model;
    QTableView *m_table;
    QLabel *m_empty;
    QStackedLayout *m_stack;
};

} // namespace Blackbird
