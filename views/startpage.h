#pragma once

// The start page shown in place of the canvas before there is a design: the example designs,
// each with a picture of its diagram, the labs (when any are installed), a new empty design and
// Open. Every card is a button: Tab moves between them, Enter or Space opens one.
//
// Contract: emits what the user picked; the main window opens it.

#include "labs/catalogue.h"

#include <QWidget>

#include <vector>

class QGridLayout;
class QToolButton;

namespace s3rd::views {

class StartPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartPage)

public:
    // `labs`: the labs to offer (their start designs pictured), easy to hard.
    StartPage(const QStringList &examples, const model::labs::Catalogue &labs,
              QWidget *parent = nullptr);

    // The cards, in order: examples, then labs (for tests and keyboard users).
    const std::vector<QToolButton *> &exampleCards() const { return m_examples; }
    const std::vector<QToolButton *> &labCards() const { return m_labs; }

signals:
    void exampleChosen(const QString &path);
    void labChosen(const QString &id);
    void labsRequested(); // "All labs…": the lab chooser
    void newRequested();
    void openRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QToolButton *addCard(const QString &path);
    QToolButton *addLabCard(const model::labs::Lab &lab);
    QToolButton *newCard(const QString &name, const QString &title, const QString &toolTip,
                         const model::Design *design);
    void reflow();

    QGridLayout *m_exampleGrid = nullptr;
    QGridLayout *m_labGrid = nullptr;
    std::vector<QToolButton *> m_examples;
    std::vector<QToolButton *> m_labs;
    int m_columns = 0;
};

} // namespace s3rd::views
