INSERT INTO {schema}.kpi_indicator (code, number, name_vi, name_en, numerator_vi, denominator_vi, numerator_en, denominator_en)
VALUES (@Text, @Number, @NameVi, @NameEn, @NumeratorVi, @DenominatorVi, @NumeratorEn, @DenominatorEn)
