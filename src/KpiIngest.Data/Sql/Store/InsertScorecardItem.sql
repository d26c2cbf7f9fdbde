INSERT INTO {schema}.kpi_scorecard_item (code, group_code, name_vi, max_points, rule_vi)
VALUES (@Code, @GroupCode, @NameVi, @MaxPoints, @RuleVi)
