#include "portsview.h"

#include "ports/portlistmodel.h"
#include "ports/portwatcher.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedLayout>
#include <QTableView>

namespace Blackbird {

PortsView::PortsView(PortListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_stack(new QStackedLayout(this))
{
    m_table->setObjectName(QStringLiteral("portTable"));
    m_table->setAccessibleName(tr("Device ports"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(PortListModel::DescriptionColumn,
                                                      QHeaderView::Stretch);

    m_empty->setObjectName(QStringLiteral("portsEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);

    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    connect(model, &QAbstractItemModel::rowsInserted, this, &PortsView::updateState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &PortsView::updateState);
    connect(model, &QAbstractItemModel::modelReset, this, &PortsView::updateState);
    if (PortWatcher *watcher = model->watcher())
        connect(watcher, &PortWatcher::scanned, this, &PortsView::updateState);
    updateState();
}

void PortsView::updateState()
{
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_table);
        return;
    }

    const PortWatcher *watcher = m_model->watcher();
    QString where;
    if (watcher) {
        const PortFilter filter = watcher->filter();
        QStringList places = filter.patterns;
        if (filter.includeSystemPorts) {
            places << (filter.usbIds.isEmpty() ? tr("serial ports of this computer")
                                               : tr("USB serial adapters with the set ids"));
        }
        where = places.join(QStringLiteral("\n"));
    }
    if (!watcher || !watcher->hasScanned())
        m_empty->setText(tr("Looking for device ports…"));
    else
        m_empty->setText(
            tr("No device ports found.\n\nPlug in a device, or check where the station "
               "looks for ports:\n%1")
                .arg(where.isEmpty() ? tr("(nowhere: no pattern is set)") : where));
    m_stack->setCurrentWidget(m_empty);
}

} // namespace Blackbird
