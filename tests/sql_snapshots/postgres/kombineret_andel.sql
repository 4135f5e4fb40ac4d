WITH "t8" AS (
  SELECT
    "t5"."samtale_id",
    "t5"."dato",
    "t5"."has_cv",
    "t5"."has_job",
    "t5"."has_faelles_job",
    "t5"."has_raadighed",
    "t5"."counts_for_focus",
    "t5"."rows",
    "t5"."person_id",
    "t7"."forloeb_id",
    "t7"."akasse"
  FROM (
    SELECT
      "t1"."samtale_id",
      MIN("t1"."person_id") AS "person_id",
      MIN("t1"."dato") AS "dato",
      BOOL_OR("t1"."samtaletype" = 'CV') AS "has_cv",
      BOOL_OR("t1"."samtaletype" = 'JOB') AS "has_job",
      BOOL_OR("t1"."samtaletype" = 'FAELLES_JOB') AS "has_faelles_job",
      BOOL_OR("t1"."samtaletype" = 'RAADIGHED') AS "has_raadighed",
      BOOL_OR("t1"."samtaletype" IN ('JOB', 'FAELLES_JOB') AND "t1"."individuel") AS "counts_for_focus",
      COUNT(*) AS "rows"
    FROM "samtaler" AS "t1"
    GROUP BY
      1
  ) AS "t5"
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
  ) AS "t7"
    ON "t5"."person_id" = "t7"."person_id"
    AND "t5"."dato" >= "t7"."start_dato"
    AND "t5"."dato" <= "t7"."slut_or_open"
), "t10" AS (
  SELECT
    "t9"."samtale_id",
    "t9"."dato",
    "t9"."has_cv",
    "t9"."has_job",
    "t9"."has_faelles_job",
    "t9"."has_raadighed",
    "t9"."counts_for_focus",
    "t9"."rows",
    "t9"."person_id",
    "t9"."forloeb_id",
    "t9"."akasse",
    CAST(EXTRACT(year FROM "t9"."dato") AS VARCHAR) || 'M' || LPAD(
      CAST(EXTRACT(month FROM "t9"."dato") AS VARCHAR),
      GREATEST(LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS VARCHAR)), 2),
      '0'
    ) AS "month",
    "t9"."has_cv" OR "t9"."has_raadighed" AS "combined"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    AND "t9"."has_job"
    AND (
      "t9"."has_cv" OR "t9"."has_raadighed"
    )
), "t11" AS (
  SELECT
    "t9"."samtale_id",
    "t9"."dato",
    "t9"."has_cv",
    "t9"."has_job",
    "t9"."has_faelles_job",
    "t9"."has_raadighed",
    "t9"."counts_for_focus",
    "t9"."rows",
    "t9"."person_id",
    "t9"."forloeb_id",
    "t9"."akasse",
    CAST(EXTRACT(year FROM "t9"."dato") AS VARCHAR) || 'M' || LPAD(
      CAST(EXTRACT(month FROM "t9"."dato") AS VARCHAR),
      GREATEST(LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS VARCHAR)), 2),
      '0'
    ) AS "month",
    "t9"."has_cv" OR "t9"."has_raadighed" AS "combined"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    AND "t9"."has_faelles_job"
    AND (
      "t9"."has_cv" OR "t9"."has_raadighed"
    )
), "t12" AS (
  SELECT
    "t9"."samtale_id",
    "t9"."dato",
    "t9"."has_cv",
    "t9"."has_job",
    "t9"."has_faelles_job",
    "t9"."has_raadighed",
    "t9"."counts_for_focus",
    "t9"."rows",
    "t9"."person_id",
    "t9"."forloeb_id",
    "t9"."akasse",
    CAST(EXTRACT(year FROM "t9"."dato") AS VARCHAR) || 'M' || LPAD(
      CAST(EXTRACT(month FROM "t9"."dato") AS VARCHAR),
      GREATEST(LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS VARCHAR)), 2),
      '0'
    ) AS "month",
    "t9"."has_cv" OR "t9"."has_raadighed" AS "combined"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    AND "t9"."has_job"
), "t13" AS (
  SELECT
    "t9"."samtale_id",
    "t9"."dato",
    "t9"."has_cv",
    "t9"."has_job",
    "t9"."has_faelles_job",
    "t9"."has_raadighed",
    "t9"."counts_for_focus",
    "t9"."rows",
    "t9"."person_id",
    "t9"."forloeb_id",
    "t9"."akasse",
    CAST(EXTRACT(year FROM "t9"."dato") AS VARCHAR) || 'M' || LPAD(
      CAST(EXTRACT(month FROM "t9"."dato") AS VARCHAR),
      GREATEST(LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS VARCHAR)), 2),
      '0'
    ) AS "month",
    "t9"."has_cv" OR "t9"."has_raadighed" AS "combined"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    AND "t9"."has_faelles_job"
)
SELECT
  "t3"."month",
  "t3"."akasse",
  "t3"."category",
  CASE
    WHEN CAST(COALESCE("t43"."d", 0) AS DOUBLE PRECISION) > 0
    THEN CAST(COALESCE("t42"."n", 0) AS DOUBLE PRECISION) / CAST(COALESCE("t43"."d", 0) AS DOUBLE PRECISION)
    ELSE CAST(NULL AS DOUBLE PRECISION)
  END AS "value",
  CAST(COALESCE("t43"."d", 0) AS DOUBLE PRECISION) AS "denominator"
FROM "memtable_0" AS "t3"
LEFT OUTER JOIN (
  SELECT
    "t38"."month",
    "t38"."akasse",
    "t38"."category",
    "t38"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t30"."month",
        "t30"."akasse",
        "t30"."n",
        'JOB' AS "category"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t14"."month",
            "t14"."akasse",
            COUNT(*) AS "n"
          FROM "t10" AS "t14"
          GROUP BY
            1,
            2
        ) AS "t18"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t19"."month",
            'ALLE' AS "akasse",
            "t19"."n"
          FROM (
            SELECT
              "t14"."month",
              COUNT(*) AS "n"
            FROM "t10" AS "t14"
            GROUP BY
              1
          ) AS "t19"
        ) AS "t26"
      ) AS "t30"
    ) AS "t34"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t31"."month",
        "t31"."akasse",
        "t31"."n",
        'FAELLES_JOB' AS "category"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t15"."month",
            "t15"."akasse",
            COUNT(*) AS "n"
          FROM "t11" AS "t15"
          GROUP BY
            1,
            2
        ) AS "t20"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t21"."month",
            'ALLE' AS "akasse",
            "t21"."n"
          FROM (
            SELECT
              "t15"."month",
              COUNT(*) AS "n"
            FROM "t11" AS "t15"
            GROUP BY
              1
          ) AS "t21"
        ) AS "t27"
      ) AS "t31"
    ) AS "t35"
  ) AS "t38"
) AS "t42"
  ON "t3"."month" = "t42"."month"
  AND "t3"."akasse" = "t42"."akasse"
  AND "t3"."category" = "t42"."category"
LEFT OUTER JOIN (
  SELECT
    "t39"."month",
    "t39"."akasse",
    "t39"."category",
    "t39"."d"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t32"."month",
        "t32"."akasse",
        "t32"."d",
        'JOB' AS "category"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t16"."month",
            "t16"."akasse",
            COUNT(*) AS "d"
          FROM "t12" AS "t16"
          GROUP BY
            1,
            2
        ) AS "t22"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t23"."month",
            'ALLE' AS "akasse",
            "t23"."d"
          FROM (
            SELECT
              "t16"."month",
              COUNT(*) AS "d"
            FROM "t12" AS "t16"
            GROUP BY
              1
          ) AS "t23"
        ) AS "t28"
      ) AS "t32"
    ) AS "t36"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t33"."month",
        "t33"."akasse",
        "t33"."d",
        'FAELLES_JOB' AS "category"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t17"."month",
            "t17"."akasse",
            COUNT(*) AS "d"
          FROM "t13" AS "t17"
          GROUP BY
            1,
            2
        ) AS "t24"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t25"."month",
            'ALLE' AS "akasse",
            "t25"."d"
          FROM (
            SELECT
              "t17"."month",
              COUNT(*) AS "d"
            FROM "t13" AS "t17"
            GROUP BY
              1
          ) AS "t25"
        ) AS "t29"
      ) AS "t33"
    ) AS "t37"
  ) AS "t39"
) AS "t43"
  ON "t3"."month" = "t43"."month"
  AND "t3"."akasse" = "t43"."akasse"
  AND "t3"."category" = "t43"."category"
