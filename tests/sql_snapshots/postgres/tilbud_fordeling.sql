WITH "t8" AS (
  SELECT
    "t7"."tilbud_id",
    "t7"."kategori",
    "t7"."start_dato",
    "t7"."person_id",
    "t7"."forloeb_id",
    "t7"."akasse",
    CAST(EXTRACT(year FROM "t7"."start_dato") AS VARCHAR) || 'M' || LPAD(
      CAST(EXTRACT(month FROM "t7"."start_dato") AS VARCHAR),
      GREATEST(LENGTH(CAST(EXTRACT(month FROM "t7"."start_dato") AS VARCHAR)), 2),
      '0'
    ) AS "month",
    "t7"."kategori" AS "category"
  FROM (
    SELECT
      "t4"."tilbud_id",
      "t4"."kategori",
      "t4"."start_dato",
      "t4"."person_id",
      "t6"."forloeb_id",
      "t6"."akasse"
    FROM "tilbud" AS "t4"
    INNER JOIN (
      SELECT
        "t2"."forloeb_id",
        "t2"."person_id",
        "t2"."akasse",
        "t2"."start_dato",
        "t2"."slut_dato",
        "t2"."slut_aarsag",
        COALESCE("t2"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
        CAST(EXTRACT(year FROM "t2"."slut_dato") AS VARCHAR) || 'M' || LPAD(
          CAST(EXTRACT(month FROM "t2"."slut_dato") AS VARCHAR),
          GREATEST(LENGTH(CAST(EXTRACT(month FROM "t2"."slut_dato") AS VARCHAR)), 2),
          '0'
        ) AS "slut_month"
      FROM "forloeb" AS "t2"
    ) AS "t6"
      ON "t4"."person_id" = "t6"."person_id"
      AND "t4"."start_dato" >= "t6"."start_dato"
      AND "t4"."start_dato" <= "t6"."slut_or_open"
  ) AS "t7"
  WHERE
    "t7"."start_dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
)
SELECT
  "t3"."month",
  "t3"."akasse",
  "t3"."category",
  CASE
    WHEN CAST(COALESCE("t21"."d", 0) AS DOUBLE PRECISION) > 0
    THEN CAST(COALESCE("t20"."n", 0) AS DOUBLE PRECISION) / CAST(COALESCE("t21"."d", 0) AS DOUBLE PRECISION)
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "value",
  CAST(COALESCE("t21"."d", 0) AS DOUBLE PRECISION) AS "denominator"
FROM "memtable_0" AS "t3"
LEFT OUTER JOIN (
  SELECT
    '' AS "month",
    "t16"."akasse",
    "t16"."category",
    "t16"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t9"."category",
        "t9"."akasse",
        COUNT(*) AS "n"
      FROM "t8" AS "t9"
      GROUP BY
        1,
        2
    ) AS "t10"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t12"."category",
        'ALLE' AS "akasse",
        "t12"."n"
      FROM (
        SELECT
          "t9"."category",
          COUNT(*) AS "n"
        FROM "t8" AS "t9"
        GROUP BY
          1
      ) AS "t12"
    ) AS "t14"
  ) AS "t16"
) AS "t20"
  ON "t3"."month" = "t20"."month"
  AND "t3"."akasse" = "t20"."akasse"
  AND "t3"."category" = "t20"."category"
LEFT OUTER JOIN (
  SELECT
    '' AS "month",
    "t17"."akasse",
    "t17"."d"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t9"."akasse",
        COUNT(*) AS "d"
      FROM "t8" AS "t9"
      GROUP BY
        1
    ) AS "t11"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        'ALLE' AS "akasse",
        "t13"."d"
      FROM (
        SELECT
          COUNT(*) AS "d"
        FROM "t8" AS "t9"
      ) AS "t13"
    ) AS "t15"
  ) AS "t17"
) AS "t21"
  ON "t3"."month" = "t21"."month" AND "t3"."akasse" = "t21"."akasse"
