// A keyboard shortcut that belongs to one view: it works while the focus is inside that view,
// so that two views of the same kind in one window do not make the shortcut ambiguous.
#pragma once

#include <QAction>
#include <QKeySequence>
#include <QWidget>

namespace Blackbird {

template<typename Slot> void addViewShortcut(QWidget *view, const QKeySequence &keys, Slot slot)
{
    auto *action = new QAction(view);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(action, &QAction::triggered, view, slot);
    view->addAction(action);
}

} // namespace Blackbird
