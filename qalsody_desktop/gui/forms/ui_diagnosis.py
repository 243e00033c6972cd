# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'diagnosis.ui'
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

class Ui_DiagnosisForm(object):
    def setupUi(self, DiagnosisForm):
        if not DiagnosisForm.objectName():
            DiagnosisForm.setObjectName(u"DiagnosisForm")
        self.rootLayout = QHBoxLayout(DiagnosisForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.diagnosisGroup = QGroupBox(DiagnosisForm)
        self.diagnosisGroup.setObjectName(u"diagnosisGroup")
        self.diagnosisGroupLayout = QFormLayout(self.diagnosisGroup)
        self.diagnosisGroupLayout.setObjectName(u"diagnosisGroupLayout")
        self.diagnosisGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.diagnosisGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.diagnosis_icd10_label = QLabel(self.diagnosisGroup)
        self.diagnosis_icd10_label.setObjectName(u"diagnosis_icd10_label")

        self.diagnosisGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.diagnosis_icd10_label)

        self.diagnosis_icd10 = QLineEdit(self.diagnosisGroup)
        self.diagnosis_icd10.setObjectName(u"diagnosis_icd10")
        self.diagnosis_icd10.setMaximumSize(QSize(160, 16777215))

        self.diagnosisGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.diagnosis_icd10)

        self.diagnosis_diagnosis_date_label = QLabel(self.diagnosisGroup)
        self.diagnosis_diagnosis_date_label.setObjectName(u"diagnosis_diagnosis_date_label")

        self.diagnosisGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.diagnosis_diagnosis_date_label)

        self.diagnosis_diagnosis_date = QLineEdit(self.diagnosisGroup)
        self.diagnosis_diagnosis_date.setObjectName(u"diagnosis_diagnosis_date")
        self.diagnosis_diagnosis_date.setMaximumSize(QSize(160, 16777215))
        self.diagnosis_diagnosis_date.setMaxLength(10)

        self.diagnosisGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.diagnosis_diagnosis_date)

        self.diagnosis_symptom_onset_date_label = QLabel(self.diagnosisGroup)
        self.diagnosis_symptom_onset_date_label.setObjectName(u"diagnosis_symptom_onset_date_label")

        self.diagnosisGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.diagnosis_symptom_onset_date_label)

        self.diagnosis_symptom_onset_date = QLineEdit(self.diagnosisGroup)
        self.diagnosis_symptom_onset_date.setObjectName(u"diagnosis_symptom_onset_date")
        self.diagnosis_symptom_onset_date.setMaximumSize(QSize(160, 16777215))
        self.diagnosis_symptom_onset_date.setMaxLength(10)

        self.diagnosisGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.diagnosis_symptom_onset_date)

        self.diagnosis_onset_region_label = QLabel(self.diagnosisGroup)
        self.diagnosis_onset_region_label.setObjectName(u"diagnosis_onset_region_label")

        self.diagnosisGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.diagnosis_onset_region_label)

        self.diagnosis_onset_region = QComboBox(self.diagnosisGroup)
        self.diagnosis_onset_region.addItem("")
        self.diagnosis_onset_region.addItem("")
        self.diagnosis_onset_region.addItem("")
        self.diagnosis_onset_region.addItem("")
        self.diagnosis_onset_region.addItem("")
        self.diagnosis_onset_region.setObjectName(u"diagnosis_onset_region")
        self.diagnosis_onset_region.setEditable(True)

        self.diagnosisGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.diagnosis_onset_region)

        self.diagnosis_criteria_label = QLabel(self.diagnosisGroup)
        self.diagnosis_criteria_label.setObjectName(u"diagnosis_criteria_label")

        self.diagnosisGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.diagnosis_criteria_label)

        self.diagnosis_criteria = QComboBox(self.diagnosisGroup)
        self.diagnosis_criteria.addItem("")
        self.diagnosis_criteria.addItem("")
        self.diagnosis_criteria.addItem("")
        self.diagnosis_criteria.addItem("")
        self.diagnosis_criteria.setObjectName(u"diagnosis_criteria")
        self.diagnosis_criteria.setEditable(True)

        self.diagnosisGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.diagnosis_criteria)

        self.diagnosis_criteria_category_label = QLabel(self.diagnosisGroup)
        self.diagnosis_criteria_category_label.setObjectName(u"diagnosis_criteria_category_label")

        self.diagnosisGroupLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.diagnosis_criteria_category_label)

        self.diagnosis_criteria_category = QComboBox(self.diagnosisGroup)
        self.diagnosis_criteria_category.addItem("")
        self.diagnosis_criteria_category.addItem("")
        self.diagnosis_criteria_category.addItem("")
        self.diagnosis_criteria_category.addItem("")
        self.diagnosis_criteria_category.addItem("")
        self.diagnosis_criteria_category.setObjectName(u"diagnosis_criteria_category")
        self.diagnosis_criteria_category.setEditable(True)

        self.diagnosisGroupLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.diagnosis_criteria_category)


        self.rootLayout.addWidget(self.diagnosisGroup)

#if QT_CONFIG(shortcut)
        self.diagnosis_icd10_label.setBuddy(self.diagnosis_icd10)
        self.diagnosis_diagnosis_date_label.setBuddy(self.diagnosis_diagnosis_date)
        self.diagnosis_symptom_onset_date_label.setBuddy(self.diagnosis_symptom_onset_date)
        self.diagnosis_onset_region_label.setBuddy(self.diagnosis_onset_region)
        self.diagnosis_criteria_label.setBuddy(self.diagnosis_criteria)
        self.diagnosis_criteria_category_label.setBuddy(self.diagnosis_criteria_category)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DiagnosisForm)

        QMetaObject.connectSlotsByName(DiagnosisForm)
    # setupUi

    def retranslateUi(self, DiagnosisForm):
        self.diagnosisGroup.setTitle(QCoreApplication.translate("DiagnosisForm", u"Diagnosis", None))
        self.diagnosis_icd10_label.setText(QCoreApplication.translate("DiagnosisForm", u"ICD-10-CM code", None))
        self.diagnosis_icd10.setPlaceholderText(QCoreApplication.translate("DiagnosisForm", u"e.g. G12.21", None))
        self.diagnosis_diagnosis_date_label.setText(QCoreApplication.translate("DiagnosisForm", u"Diagnosis date", None))
        self.diagnosis_diagnosis_date.setPlaceholderText(QCoreApplication.translate("DiagnosisForm", u"YYYY-MM-DD", None))
        self.diagnosis_symptom_onset_date_label.setText(QCoreApplication.translate("DiagnosisForm", u"Symptom onset date", None))
        self.diagnosis_symptom_onset_date.setPlaceholderText(QCoreApplication.translate("DiagnosisForm", u"YYYY-MM-DD", None))
        self.diagnosis_onset_region_label.setText(QCoreApplication.translate("DiagnosisForm", u"Onset region", None))
        self.diagnosis_onset_region.setItemText(0, "")
        self.diagnosis_onset_region.setItemText(1, QCoreApplication.translate("DiagnosisForm", u"limb", None))
        self.diagnosis_onset_region.setItemText(2, QCoreApplication.translate("DiagnosisForm", u"bulbar", None))
        self.diagnosis_onset_region.setItemText(3, QCoreApplication.translate("DiagnosisForm", u"respiratory", None))
        self.diagnosis_onset_region.setItemText(4, QCoreApplication.translate("DiagnosisForm", u"axial", None))

        self.diagnosis_criteria_label.setText(QCoreApplication.translate("DiagnosisForm", u"Diagnostic criteria", None))
        self.diagnosis_criteria.setItemText(0, "")
        self.diagnosis_criteria.setItemText(1, QCoreApplication.translate("DiagnosisForm", u"revised El Escorial", None))
        self.diagnosis_criteria.setItemText(2, QCoreApplication.translate("DiagnosisForm", u"Awaji", None))
        self.diagnosis_criteria.setItemText(3, QCoreApplication.translate("DiagnosisForm", u"Gold Coast", None))

        self.diagnosis_criteria_category_label.setText(QCoreApplication.translate("DiagnosisForm", u"Criteria category", None))
        self.diagnosis_criteria_category.setItemText(0, "")
        self.diagnosis_criteria_category.setItemText(1, QCoreApplication.translate("DiagnosisForm", u"clinically definite", None))
        self.diagnosis_criteria_category.setItemText(2, QCoreApplication.translate("DiagnosisForm", u"clinically probable", None))
        self.diagnosis_criteria_category.setItemText(3, QCoreApplication.translate("DiagnosisForm", u"clinically probable - laboratory supported", None))
        self.diagnosis_criteria_category.setItemText(4, QCoreApplication.translate("DiagnosisForm", u"clinically possible", None))

        pass
    # retranslateUi

