# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'insurance.ui'
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

class Ui_InsuranceForm(object):
    def setupUi(self, InsuranceForm):
        if not InsuranceForm.objectName():
            InsuranceForm.setObjectName(u"InsuranceForm")
        self.rootLayout = QHBoxLayout(InsuranceForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.planGroup = QGroupBox(InsuranceForm)
        self.planGroup.setObjectName(u"planGroup")
        self.planGroupLayout = QFormLayout(self.planGroup)
        self.planGroupLayout.setObjectName(u"planGroupLayout")
        self.planGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.planGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.insurance_payer_label = QLabel(self.planGroup)
        self.insurance_payer_label.setObjectName(u"insurance_payer_label")

        self.planGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.insurance_payer_label)

        self.insurance_payer = QLineEdit(self.planGroup)
        self.insurance_payer.setObjectName(u"insurance_payer")

        self.planGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.insurance_payer)

        self.insurance_plan_name_label = QLabel(self.planGroup)
        self.insurance_plan_name_label.setObjectName(u"insurance_plan_name_label")

        self.planGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.insurance_plan_name_label)

        self.insurance_plan_name = QLineEdit(self.planGroup)
        self.insurance_plan_name.setObjectName(u"insurance_plan_name")

        self.planGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.insurance_plan_name)

        self.insurance_plan_type_label = QLabel(self.planGroup)
        self.insurance_plan_type_label.setObjectName(u"insurance_plan_type_label")

        self.planGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.insurance_plan_type_label)

        self.insurance_plan_type = QComboBox(self.planGroup)
        self.insurance_plan_type.setObjectName(u"insurance_plan_type")

        self.planGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.insurance_plan_type)

        self.insurance_state_label = QLabel(self.planGroup)
        self.insurance_state_label.setObjectName(u"insurance_state_label")

        self.planGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.insurance_state_label)

        self.insurance_state = QLineEdit(self.planGroup)
        self.insurance_state.setObjectName(u"insurance_state")
        self.insurance_state.setMaximumSize(QSize(160, 16777215))

        self.planGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.insurance_state)

        self.insurance_benefit_label = QLabel(self.planGroup)
        self.insurance_benefit_label.setObjectName(u"insurance_benefit_label")

        self.planGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.insurance_benefit_label)

        self.insurance_benefit = QComboBox(self.planGroup)
        self.insurance_benefit.setObjectName(u"insurance_benefit")

        self.planGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.insurance_benefit)


        self.rootLayout.addWidget(self.planGroup)

        self.memberGroup = QGroupBox(InsuranceForm)
        self.memberGroup.setObjectName(u"memberGroup")
        self.memberGroupLayout = QFormLayout(self.memberGroup)
        self.memberGroupLayout.setObjectName(u"memberGroupLayout")
        self.memberGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.memberGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.insurance_member_id_label = QLabel(self.memberGroup)
        self.insurance_member_id_label.setObjectName(u"insurance_member_id_label")

        self.memberGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.insurance_member_id_label)

        self.insurance_member_id = QLineEdit(self.memberGroup)
        self.insurance_member_id.setObjectName(u"insurance_member_id")

        self.memberGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.insurance_member_id)

        self.insurance_group_number_label = QLabel(self.memberGroup)
        self.insurance_group_number_label.setObjectName(u"insurance_group_number_label")

        self.memberGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.insurance_group_number_label)

        self.insurance_group_number = QLineEdit(self.memberGroup)
        self.insurance_group_number.setObjectName(u"insurance_group_number")

        self.memberGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.insurance_group_number)

        self.insurance_pharmacy_benefit_manager_label = QLabel(self.memberGroup)
        self.insurance_pharmacy_benefit_manager_label.setObjectName(u"insurance_pharmacy_benefit_manager_label")

        self.memberGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.insurance_pharmacy_benefit_manager_label)

        self.insurance_pharmacy_benefit_manager = QLineEdit(self.memberGroup)
        self.insurance_pharmacy_benefit_manager.setObjectName(u"insurance_pharmacy_benefit_manager")

        self.memberGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.insurance_pharmacy_benefit_manager)

        self.insurance_specialty_pharmacy_label = QLabel(self.memberGroup)
        self.insurance_specialty_pharmacy_label.setObjectName(u"insurance_specialty_pharmacy_label")

        self.memberGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.insurance_specialty_pharmacy_label)

        self.insurance_specialty_pharmacy = QLineEdit(self.memberGroup)
        self.insurance_specialty_pharmacy.setObjectName(u"insurance_specialty_pharmacy")

        self.memberGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.insurance_specialty_pharmacy)


        self.rootLayout.addWidget(self.memberGroup)

#if QT_CONFIG(shortcut)
        self.insurance_payer_label.setBuddy(self.insurance_payer)
        self.insurance_plan_name_label.setBuddy(self.insurance_plan_name)
        self.insurance_plan_type_label.setBuddy(self.insurance_plan_type)
        self.insurance_state_label.setBuddy(self.insurance_state)
        self.insurance_benefit_label.setBuddy(self.insurance_benefit)
        self.insurance_member_id_label.setBuddy(self.insurance_member_id)
        self.insurance_group_number_label.setBuddy(self.insurance_group_number)
        self.insurance_pharmacy_benefit_manager_label.setBuddy(self.insurance_pharmacy_benefit_manager)
        self.insurance_specialty_pharmacy_label.setBuddy(self.insurance_specialty_pharmacy)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(InsuranceForm)

        QMetaObject.connectSlotsByName(InsuranceForm)
    # setupUi

    def retranslateUi(self, InsuranceForm):
        self.planGroup.setTitle(QCoreApplication.translate("InsuranceForm", u"Plan", None))
        self.insurance_payer_label.setText(QCoreApplication.translate("InsuranceForm", u"Payer", None))
        self.insurance_plan_name_label.setText(QCoreApplication.translate("InsuranceForm", u"Plan name", None))
        self.insurance_plan_type_label.setText(QCoreApplication.translate("InsuranceForm", u"Plan type", None))
        self.insurance_state_label.setText(QCoreApplication.translate("InsuranceForm", u"Plan state", None))
        self.insurance_state.setPlaceholderText(QCoreApplication.translate("InsuranceForm", u"e.g. NC", None))
        self.insurance_benefit_label.setText(QCoreApplication.translate("InsuranceForm", u"Benefit", None))
        self.memberGroup.setTitle(QCoreApplication.translate("InsuranceForm", u"Member and pharmacy", None))
        self.insurance_member_id_label.setText(QCoreApplication.translate("InsuranceForm", u"Member ID", None))
        self.insurance_group_number_label.setText(QCoreApplication.translate("InsuranceForm", u"Group number", None))
        self.insurance_pharmacy_benefit_manager_label.setText(QCoreApplication.translate("InsuranceForm", u"PBM", None))
        self.insurance_specialty_pharmacy_label.setText(QCoreApplication.translate("InsuranceForm", u"Specialty pharmacy", None))
        pass
    # retranslateUi

