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
      CAST(EXTRACT(year FROM "t2"."slut_dato") AS TEXT) || 'M' || CASE
        WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT))
        THEN CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT)
        ELSE CONCAT(
          REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT))),
          CAST(EXTRACT(month FROM "t2"."slut_dato") AS TEXT)
        )
      END AS "slut_month"
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
    CAST(EXTRACT(year FROM "t9"."dato") AS TEXT) || 'M' || CASE
      WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))
      THEN CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      ELSE CONCAT(
        REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))),
        CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      )
    END AS "month"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    AND "t9"."has_faelles_job"
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
    CAST(EXTRACT(year FROM "t9"."dato") AS TEXT) || 'M' || CASE
      WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))
      THEN CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      ELSE CONCAT(
        REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))),
        CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      )
    END AS "month"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    AND "t9"."has_raadighed"
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
    CAST(EXTRACT(year FROM "t9"."dato") AS TEXT) || 'M' || CASE
      WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))
      THEN CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      ELSE CONCAT(
        REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))),
        CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      )
    END AS "month"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
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
    CAST(EXTRACT(year FROM "t9"."dato") AS TEXT) || 'M' || CASE
      WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))
      THEN CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      ELSE CONCAT(
        REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))),
        CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      )
    END AS "month"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    AND "t9"."has_cv"
), "t14" AS (
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
    CAST(EXTRACT(year FROM "t9"."dato") AS TEXT) || 'M' || CASE
      WHEN 2 <= LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))
      THEN CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      ELSE CONCAT(
        REPEAT('0', 2 - LENGTH(CAST(EXTRACT(month FROM "t9"."dato") AS TEXT))),
        CAST(EXTRACT(month FROM "t9"."dato") AS TEXT)
      )
    END AS "month"
  FROM "t8" AS "t9"
  WHERE
    "t9"."dato" BETWEEN MAKE_DATE(2020, 9, 1) AND MAKE_DATE(2022, 4, 30)
    AND "t9"."has_job"
)
SELECT
  "t3"."month",
  "t3"."akasse",
  "t3"."category",
  CAST(COALESCE("t50"."n", 0) AS DOUBLE) AS "value",
  CAST(NULL AS DOUBLE) AS "denominator"
FROM "memtable_0" AS "t3"
LEFT OUTER JOIN (
  SELECT
    "t48"."month",
    "t48"."akasse",
    "t48"."category",
    "t48"."n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t35"."month",
          "t35"."akasse",
          "t35"."n",
          'FAELLES_JOB' AS "category"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t15"."month",
              "t15"."akasse",
              COUNT(*) AS "n"
            FROM "t10" AS "t15"
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
              FROM "t10" AS "t15"
              GROUP BY
                1
            ) AS "t21"
          ) AS "t30"
        ) AS "t35"
      ) AS "t40"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t36"."month",
          "t36"."akasse",
          "t36"."n",
          'RAADIGHED' AS "category"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t16"."month",
              "t16"."akasse",
              COUNT(*) AS "n"
            FROM "t11" AS "t16"
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
              "t23"."n"
            FROM (
              SELECT
                "t16"."month",
                COUNT(*) AS "n"
              FROM "t11" AS "t16"
              GROUP BY
                1
            ) AS "t23"
          ) AS "t31"
        ) AS "t36"
      ) AS "t41"
    ) AS "t45"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t37"."month",
          "t37"."akasse",
          "t37"."n",
          'UNIK' AS "category"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t17"."month",
              "t17"."akasse",
              COUNT(*) AS "n"
            FROM "t12" AS "t17"
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
              "t25"."n"
            FROM (
              SELECT
                "t17"."month",
                COUNT(*) AS "n"
              FROM "t12" AS "t17"
              GROUP BY
                1
            ) AS "t25"
          ) AS "t32"
        ) AS "t37"
      ) AS "t42"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t38"."month",
            "t38"."akasse",
            "t38"."n",
            'CV' AS "category"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t18"."month",
                "t18"."akasse",
                COUNT(*) AS "n"
              FROM "t13" AS "t18"
              GROUP BY
                1,
                2
            ) AS "t26"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t27"."month",
                'ALLE' AS "akasse",
                "t27"."n"
              FROM (
                SELECT
                  "t18"."month",
                  COUNT(*) AS "n"
                FROM "t13" AS "t18"
                GROUP BY
                  1
              ) AS "t27"
            ) AS "t33"
          ) AS "t38"
        ) AS "t43"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t39"."month",
            "t39"."akasse",
            "t39"."n",
            'JOB' AS "category"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t19"."month",
                "t19"."akasse",
                COUNT(*) AS "n"
              FROM "t14" AS "t19"
              GROUP BY
                1,
                2
            ) AS "t28"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t29"."month",
                'ALLE' AS "akasse",
                "t29"."n"
              FROM (
                SELECT
                  "t19"."month",
                  COUNT(*) AS "n"
                FROM "t14" AS "t19"
                GROUP BY
                  1
              ) AS "t29"
            ) AS "t34"
          ) AS "t39"
        ) AS "t44"
      ) AS "t46"
    ) AS "t47"
  ) AS "t48"
) AS "t50"
  ON "t3"."month" = "t50"."month"
  AND "t3"."akasse" = "t50"."akasse"
  AND "t3"."category" = "t50"."category"
