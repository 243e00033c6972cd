# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'functional_status.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
    QWidget)

class Ui_FunctionalStatusForm(object):
    def setupUi(self, FunctionalStatusForm):
        if not FunctionalStatusForm.objectName():
            FunctionalStatusForm.setObjectName(u"FunctionalStatusForm")
        self.rootLayout = QHBoxLayout(FunctionalStatusForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.functionalGroup = QGroupBox(FunctionalStatusForm)
        self.functionalGroup.setObjectName(u"functionalGroup")
        self.functionalGroupLayout = QFormLayout(self.functionalGroup)
        self.functionalGroupLayout.setObjectName(u"functionalGroupLayout")
        self.functionalGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.functionalGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.functional_status_ambulation_label = QLabel(self.functionalGroup)
        self.functional_status_ambulation_label.setObjectName(u"functional_status_ambulation_label")

        self.functionalGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.functional_status_ambulation_label)

        self.functional_status_ambulation = QLineEdit(self.functionalGroup)
        self.functional_status_ambulation.setObjectName(u"functional_status_ambulation")

        self.functionalGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.functional_status_ambulation)

        self.functional_status_devices_label = QLabel(self.functionalGroup)
        self.functional_status_devices_label.setObjectName(u"functional_status_devices_label")

        self.functionalGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.functional_status_devices_label)

        self.functional_status_devices = QLineEdit(self.functionalGroup)
        self.functional_status_devices.setObjectName(u"functional_status_devices")

        self.functionalGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.functional_status_devices)

        self.functional_status_feeding_tube_label = QLabel(self.functionalGroup)
        self.functional_status_feeding_tube_label.setObjectName(u"functional_status_feeding_tube_label")

        self.functionalGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.functional_status_feeding_tube_label)

        self.functional_status_feeding_tube = QComboBox(self.functionalGroup)
        self.functional_status_feeding_tube.setObjectName(u"functional_status_feeding_tube")

        self.functionalGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.functional_status_feeding_tube)

        self.functional_status_ventilation_label = QLabel(self.functionalGroup)
        self.functional_status_ventilation_label.setObjectName(u"functional_status_ventilation_label")

        self.functionalGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.functional_status_ventilation_label)

        self.functional_status_ventilation = QComboBox(self.functionalGroup)
        self.functional_status_ventilation.setObjectName(u"functional_status_ventilation")

        self.functionalGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.functional_status_ventilation)

        self.functional_status_speech_label = QLabel(self.functionalGroup)
        self.functional_status_speech_label.setObjectName(u"functional_status_speech_label")

        self.functionalGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.functional_status_speech_label)

        self.functional_status_speech = QLineEdit(self.functionalGroup)
        self.functional_status_speech.setObjectName(u"functional_status_speech")

        self.functionalGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.functional_status_speech)

        self.functional_status_swallowing_label = QLabel(self.functionalGroup)
        self.functional_status_swallowing_label.setObjectName(u"functional_status_swallowing_label")

        self.functionalGroupLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.functional_status_swallowing_label)

        self.functional_status_swallowing = QLineEdit(self.functionalGroup)
        self.functional_status_swallowing.setObjectName(u"functional_status_swallowing")

        self.functionalGroupLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.functional_status_swallowing)


        self.rootLayout.addWidget(self.functionalGroup)

#if QT_CONFIG(shortcut)
        self.functional_status_ambulation_label.setBuddy(self.functional_status_ambulation)
        self.functional_status_devices_label.setBuddy(self.functional_status_devices)
        self.functional_status_feeding_tube_label.setBuddy(self.functional_status_feeding_tube)
        self.functional_status_ventilation_label.setBuddy(self.functional_status_ventilation)
        self.functional_status_speech_label.setBuddy(self.functional_status_speech)
        self.functional_status_swallowing_label.setBuddy(self.functional_status_swallowing)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FunctionalStatusForm)

        QMetaObject.connectSlotsByName(FunctionalStatusForm)
    # setupUi

    def retranslateUi(self, FunctionalStatusForm):
        self.functionalGroup.setTitle(QCoreApplication.translate("FunctionalStatusForm", u"Functional status", None))
        self.functional_status_ambulation_label.setText(QCoreApplication.translate("FunctionalStatusForm", u"Ambulation", None))
        self.functional_status_devices_label.setText(QCoreApplication.translate("FunctionalStatusForm", u"Assistive devices", None))
        self.functional_status_devices.setPlaceholderText(QCoreApplication.translate("FunctionalStatusForm", u"comma-separated, e.g. cane, walker", None))
        self.functional_status_feeding_tube_label.setText(QCoreApplication.translate("FunctionalStatusForm", u"Feeding tube", None))
        self.functional_status_ventilation_label.setText(QCoreApplication.translate("FunctionalStatusForm", u"Ventilation", None))
        self.functional_status_speech_label.setText(QCoreApplication.translate("FunctionalStatusForm", u"Speech", None))
        self.functional_status_swallowing_label.setText(QCoreApplication.translate("FunctionalStatusForm", u"Swallowing", None))
        pass
    # retranslateUi

