WITH "t8" AS (
  SELECT
    "t7"."tilbud_id",
    "t7"."kategori",
    "t7"."start_dato",
    "t7"."person_id",
    "t7"."forloeb_id",
    "t7"."akasse",
    CAST(EXTRACT(year FROM "t7"."start_dato") AS TEXT) || 'M' || CASE
      WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t7"."start_dato") AS TEXT))
      THEN CAST(EXTRACT(month FROM "t7"."start_dato") AS TEXT)
      ELSE CONCAT(
        REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t7"."start_dato") AS TEXT))),
        CAST(EXTRACT(month FROM "t7"."start_dato") AS TEXT)
      )
    END AS "month",
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
        CAST(EXTRACT(year FROM "t2"."slut_dato") AS TEXT) || 'M' || CASE
          WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT))
          THEN CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT)
          ELSE CONCAT(
            REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT))),
            CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT)
          )
        END AS "slut_month"
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
  CAST(COALESCE("t21"."n", 0) AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "denominator"
FROM "memtable_0" AS "t3"
LEFT OUTER JOIN (
  SELECT
    "t19"."month",
    "t19"."akasse",
    "t19"."category",
    "t19"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t9"."month",
          "t9"."category",
          "t9"."akasse",
          COUNT(DISTINCT "t9"."person_id") AS "n"
        FROM "t8" AS "t9"
        GROUP BY
          1,
          2,
          3
      ) AS "t10"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t11"."month",
          "t11"."category",
          'ALLE' AS "akasse",
          "t11"."n"
        FROM (
          SELECT
            "t9"."month",
            "t9"."category",
            COUNT(DISTINCT "t9"."person_id") AS "n"
          FROM "t8" AS "t9"
          GROUP BY
            1,
            2
        ) AS "t11"
      ) AS "t14"
    ) AS "t16"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t17"."month",
        'I_ALT' AS "category",
        "t17"."akasse",
        "t17"."n"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t9"."month",
            "t9"."akasse",
            COUNT(DISTINCT "t9"."person_id") AS "n"
          FROM "t8" AS "t9"
          GROUP BY
            1,
            2
        ) AS "t12"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t13"."month",
            'ALLE' AS "akasse",
            "t13"."n"
          FROM (
            SELECT
              "t9"."month",
              COUNT(DISTINCT "t9"."person_id") AS "n"
            FROM "t8" AS "t9"
            GROUP BY
              1
          ) AS "t13"
        ) AS "t15"
      ) AS "t17"
    ) AS "t18"
  ) AS "t19"
) AS "t21"
  ON "t3"."month" = "t21"."month"
  AND "t3"."akasse" = "t21"."akasse"
  AND "t3"."category" = "t21"."category"
