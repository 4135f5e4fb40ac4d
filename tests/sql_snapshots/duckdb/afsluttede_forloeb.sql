WITH "t4" AS (
  SELECT
    "t3"."forloeb_id",
    "t3"."person_id",
    "t3"."akasse",
    "t3"."start_dato",
    "t3"."slut_dato",
    "t3"."slut_aarsag",
    "t3"."slut_or_open",
    "t3"."slut_month",
    "t3"."slut_month" AS "month",
    "t3"."slut_aarsag" AS "category"
  FROM (
    SELECT
      "t1"."forloeb_id",
      "t1"."person_id",
      "t1"."akasse",
      "t1"."start_dato",
      "t1"."slut_dato",
      "t1"."slut_aarsag",
      COALESCE("t1"."slut_dato", MAKE_DATE(9999, 12, 31)) AS "slut_or_open",
      CAST(EXTRACT(year FROM "t1"."slut_dato") AS TEXT) || 'M' || CASE
        WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT))
        THEN CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT)
        ELSE CONCAT(
          REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT))),
          CAST(EXTRACT(month FROM "t1"."slut_dato") AS TEXT)
        )
      END AS "slut_month"
    FROM "forloeb" AS "t1"
    WHERE
      "t1"."slut_dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
  ) AS "t3"
)
SELECT
  "t2"."month",
  "t2"."akasse",
  "t2"."category",
  CAST(COALESCE("t17"."n", 0) AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "denominator"
FROM "memtable_0" AS "t2"
LEFT OUTER JOIN (
  SELECT
    "t15"."month",
    "t15"."akasse",
    "t15"."category",
    "t15"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t5"."month",
          "t5"."category",
          "t5"."akasse",
          COUNT(*) AS "n"
        FROM "t4" AS "t5"
        GROUP BY
          1,
          2,
          3
      ) AS "t6"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t7"."month",
          "t7"."category",
          'ALLE' AS "akasse",
          "t7"."n"
        FROM (
          SELECT
            "t5"."month",
            "t5"."category",
            COUNT(*) AS "n"
          FROM "t4" AS "t5"
          GROUP BY
            1,
            2
        ) AS "t7"
      ) AS "t10"
    ) AS "t12"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t13"."month",
        'I_ALT' AS "category",
        "t13"."akasse",
        "t13"."n"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t5"."month",
            "t5"."akasse",
            COUNT(*) AS "n"
          FROM "t4" AS "t5"
          GROUP BY
            1,
            2
        ) AS "t8"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t9"."month",
            'ALLE' AS "akasse",
            "t9"."n"
          FROM (
            SELECT
              "t5"."month",
              COUNT(*) AS "n"
            FROM "t4" AS "t5"
            GROUP BY
              1
          ) AS "t9"
        ) AS "t11"
      ) AS "t13"
    ) AS "t14"
  ) AS "t15"
) AS "t17"
  ON "t2"."month" = "t17"."month"
  AND "t2"."akasse" = "t17"."akasse"
  AND "t2"."category" = "t17"."category"
