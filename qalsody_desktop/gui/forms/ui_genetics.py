# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'genetics.ui'
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

class Ui_GeneticsForm(object):
    def setupUi(self, GeneticsForm):
        if not GeneticsForm.objectName():
            GeneticsForm.setObjectName(u"GeneticsForm")
        self.rootLayout = QHBoxLayout(GeneticsForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.geneticsGroup = QGroupBox(GeneticsForm)
        self.geneticsGroup.setObjectName(u"geneticsGroup")
        self.geneticsGroupLayout = QFormLayout(self.geneticsGroup)
        self.geneticsGroupLayout.setObjectName(u"geneticsGroupLayout")
        self.geneticsGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.geneticsGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.genetics_gene_label = QLabel(self.geneticsGroup)
        self.genetics_gene_label.setObjectName(u"genetics_gene_label")

        self.geneticsGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.genetics_gene_label)

        self.genetics_gene = QComboBox(self.geneticsGroup)
        self.genetics_gene.addItem("")
        self.genetics_gene.addItem("")
        self.genetics_gene.setObjectName(u"genetics_gene")
        self.genetics_gene.setEditable(True)

        self.geneticsGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.genetics_gene)

        self.genetics_variant_cdna_label = QLabel(self.geneticsGroup)
        self.genetics_variant_cdna_label.setObjectName(u"genetics_variant_cdna_label")

        self.geneticsGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.genetics_variant_cdna_label)

        self.genetics_variant_cdna = QLineEdit(self.geneticsGroup)
        self.genetics_variant_cdna.setObjectName(u"genetics_variant_cdna")

        self.geneticsGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.genetics_variant_cdna)

        self.genetics_variant_protein_label = QLabel(self.geneticsGroup)
        self.genetics_variant_protein_label.setObjectName(u"genetics_variant_protein_label")

        self.geneticsGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.genetics_variant_protein_label)

        self.genetics_variant_protein = QLineEdit(self.geneticsGroup)
        self.genetics_variant_protein.setObjectName(u"genetics_variant_protein")

        self.geneticsGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.genetics_variant_protein)

        self.genetics_zygosity_label = QLabel(self.geneticsGroup)
        self.genetics_zygosity_label.setObjectName(u"genetics_zygosity_label")

        self.geneticsGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.genetics_zygosity_label)

        self.genetics_zygosity = QComboBox(self.geneticsGroup)
        self.genetics_zygosity.addItem("")
        self.genetics_zygosity.addItem("")
        self.genetics_zygosity.addItem("")
        self.genetics_zygosity.addItem("")
        self.genetics_zygosity.setObjectName(u"genetics_zygosity")
        self.genetics_zygosity.setEditable(True)

        self.geneticsGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.genetics_zygosity)

        self.genetics_classification_label = QLabel(self.geneticsGroup)
        self.genetics_classification_label.setObjectName(u"genetics_classification_label")

        self.geneticsGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.genetics_classification_label)

        self.genetics_classification = QComboBox(self.geneticsGroup)
        self.genetics_classification.setObjectName(u"genetics_classification")

        self.geneticsGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.genetics_classification)

        self.genetics_lab_name_label = QLabel(self.geneticsGroup)
        self.genetics_lab_name_label.setObjectName(u"genetics_lab_name_label")

        self.geneticsGroupLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.genetics_lab_name_label)

        self.genetics_lab_name = QLineEdit(self.geneticsGroup)
        self.genetics_lab_name.setObjectName(u"genetics_lab_name")

        self.geneticsGroupLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.genetics_lab_name)

        self.genetics_clia_number_label = QLabel(self.geneticsGroup)
        self.genetics_clia_number_label.setObjectName(u"genetics_clia_number_label")

        self.geneticsGroupLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.genetics_clia_number_label)

        self.genetics_clia_number = QLineEdit(self.geneticsGroup)
        self.genetics_clia_number.setObjectName(u"genetics_clia_number")
        self.genetics_clia_number.setMaximumSize(QSize(160, 16777215))

        self.geneticsGroupLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.genetics_clia_number)

        self.genetics_test_date_label = QLabel(self.geneticsGroup)
        self.genetics_test_date_label.setObjectName(u"genetics_test_date_label")

        self.geneticsGroupLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.genetics_test_date_label)

        self.genetics_test_date = QLineEdit(self.geneticsGroup)
        self.genetics_test_date.setObjectName(u"genetics_test_date")
        self.genetics_test_date.setMaximumSize(QSize(160, 16777215))
        self.genetics_test_date.setMaxLength(10)

        self.geneticsGroupLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.genetics_test_date)

        self.genetics_methodology_label = QLabel(self.geneticsGroup)
        self.genetics_methodology_label.setObjectName(u"genetics_methodology_label")

        self.geneticsGroupLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.genetics_methodology_label)

        self.genetics_methodology = QLineEdit(self.geneticsGroup)
        self.genetics_methodology.setObjectName(u"genetics_methodology")

        self.geneticsGroupLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.genetics_methodology)

        self.genetics_lab_contact_label = QLabel(self.geneticsGroup)
        self.genetics_lab_contact_label.setObjectName(u"genetics_lab_contact_label")

        self.geneticsGroupLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.genetics_lab_contact_label)

        self.genetics_lab_contact = QLineEdit(self.geneticsGroup)
        self.genetics_lab_contact.setObjectName(u"genetics_lab_contact")

        self.geneticsGroupLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.genetics_lab_contact)


        self.rootLayout.addWidget(self.geneticsGroup)

#if QT_CONFIG(shortcut)
        self.genetics_gene_label.setBuddy(self.genetics_gene)
        self.genetics_variant_cdna_label.setBuddy(self.genetics_variant_cdna)
        self.genetics_variant_protein_label.setBuddy(self.genetics_variant_protein)
        self.genetics_zygosity_label.setBuddy(self.genetics_zygosity)
        self.genetics_classification_label.setBuddy(self.genetics_classification)
        self.genetics_lab_name_label.setBuddy(self.genetics_lab_name)
        self.genetics_clia_number_label.setBuddy(self.genetics_clia_number)
        self.genetics_test_date_label.setBuddy(self.genetics_test_date)
        self.genetics_methodology_label.setBuddy(self.genetics_methodology)
        self.genetics_lab_contact_label.setBuddy(self.genetics_lab_contact)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(GeneticsForm)

        QMetaObject.connectSlotsByName(GeneticsForm)
    # setupUi

    def retranslateUi(self, GeneticsForm):
        self.geneticsGroup.setTitle(QCoreApplication.translate("GeneticsForm", u"Genetic test", None))
        self.genetics_gene_label.setText(QCoreApplication.translate("GeneticsForm", u"Gene", None))
        self.genetics_gene.setItemText(0, "")
        self.genetics_gene.setItemText(1, QCoreApplication.translate("GeneticsForm", u"SOD1", None))

        self.genetics_variant_cdna_label.setText(QCoreApplication.translate("GeneticsForm", u"Variant (cDNA, HGVS)", None))
        self.genetics_variant_cdna.setPlaceholderText(QCoreApplication.translate("GeneticsForm", u"e.g. c.14C>T", None))
        self.genetics_variant_protein_label.setText(QCoreApplication.translate("GeneticsForm", u"Variant (protein, HGVS)", None))
        self.genetics_variant_protein.setPlaceholderText(QCoreApplication.translate("GeneticsForm", u"e.g. p.Ala5Val", None))
        self.genetics_zygosity_label.setText(QCoreApplication.translate("GeneticsForm", u"Zygosity", None))
        self.genetics_zygosity.setItemText(0, "")
        self.genetics_zygosity.setItemText(1, QCoreApplication.translate("GeneticsForm", u"heterozygous", None))
        self.genetics_zygosity.setItemText(2, QCoreApplication.translate("GeneticsForm", u"homozygous", None))
        self.genetics_zygosity.setItemText(3, QCoreApplication.translate("GeneticsForm", u"compound heterozygous", None))

        self.genetics_classification_label.setText(QCoreApplication.translate("GeneticsForm", u"Classification", None))
        self.genetics_lab_name_label.setText(QCoreApplication.translate("GeneticsForm", u"Laboratory", None))
        self.genetics_clia_number_label.setText(QCoreApplication.translate("GeneticsForm", u"CLIA number", None))
        self.genetics_clia_number.setPlaceholderText(QCoreApplication.translate("GeneticsForm", u"e.g. 34D0000001", None))
        self.genetics_test_date_label.setText(QCoreApplication.translate("GeneticsForm", u"Test date", None))
        self.genetics_test_date.setPlaceholderText(QCoreApplication.translate("GeneticsForm", u"YYYY-MM-DD", None))
        self.genetics_methodology_label.setText(QCoreApplication.translate("GeneticsForm", u"Methodology", None))
        self.genetics_lab_contact_label.setText(QCoreApplication.translate("GeneticsForm", u"Lab contact", None))
        pass
    # retranslateUi

