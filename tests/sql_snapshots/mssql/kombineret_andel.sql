WITH [t8] AS (
  SELECT
    [t5].[samtale_id],
    [t5].[dato],
    [t5].[has_cv],
    [t5].[has_job],
    [t5].[has_faelles_job],
    [t5].[has_raadighed],
    [t5].[counts_for_focus],
    [t5].[rows],
    [t5].[person_id],
    [t7].[forloeb_id],
    [t7].[akasse]
  FROM (
    SELECT
      [t1].[samtale_id],
      MIN([t1].[person_id]) AS [person_id],
      MIN([t1].[dato]) AS [dato],
      MAX(IIF([t1].[samtaletype] = 'CV', 1, 0)) AS [has_cv],
      MAX(IIF([t1].[samtaletype] = 'JOB', 1, 0)) AS [has_job],
      MAX(IIF([t1].[samtaletype] = 'FAELLES_JOB', 1, 0)) AS [has_faelles_job],
      MAX(IIF([t1].[samtaletype] = 'RAADIGHED', 1, 0)) AS [has_raadighed],
      MAX(
        IIF([t1].[samtaletype] IN ('JOB', 'FAELLES_JOB') AND [t1].[individuel] <> 0, 1, 0)
      ) AS [counts_for_focus],
      COUNT_BIG(*) AS [rows]
    FROM [samtaler] AS [t1]
    GROUP BY
      [t1].[samtale_id]
  ) AS [t5]
  INNER JOIN (
    SELECT
      [t2].[forloeb_id],
      [t2].[person_id],
      [t2].[akasse],
      [t2].[start_dato],
      [t2].[slut_dato],
      [t2].[slut_aarsag],
      COALESCE([t2].[slut_dato], DATEFROMPARTS(9999, 12, 31)) AS [slut_or_open],
      IIF(
        IIF(
          CAST(DATEPART(year, [t2].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
          NULL,
          CONCAT(CAST(DATEPART(year, [t2].[slut_dato]) AS VARCHAR(max)), 'M')
        ) IS NULL
        OR IIF(
          2 <= LEN(CAST(DATEPART(month, [t2].[slut_dato]) AS VARCHAR(max))),
          CAST(DATEPART(month, [t2].[slut_dato]) AS VARCHAR(max)),
          RIGHT(
            CONCAT(
              REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t2].[slut_dato]) AS VARCHAR(max)))),
              CAST(DATEPART(month, [t2].[slut_dato]) AS VARCHAR(max))
            ),
            2
          )
        ) IS NULL,
        NULL,
        CONCAT(
          IIF(
            CAST(DATEPART(year, [t2].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
            NULL,
            CONCAT(CAST(DATEPART(year, [t2].[slut_dato]) AS VARCHAR(max)), 'M')
          ),
          IIF(
            2 <= LEN(CAST(DATEPART(month, [t2].[slut_dato]) AS VARCHAR(max))),
            CAST(DATEPART(month, [t2].[slut_dato]) AS VARCHAR(max)),
            RIGHT(
              CONCAT(
                REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t2].[slut_dato]) AS VARCHAR(max)))),
                CAST(DATEPART(month, [t2].[slut_dato]) AS VARCHAR(max))
              ),
              2
            )
          )
        )
      ) AS [slut_month]
    FROM [forloeb] AS [t2]
  ) AS [t7]
    ON [t5].[person_id] = [t7].[person_id]
    AND [t5].[dato] >= [t7].[start_dato]
    AND [t5].[dato] <= [t7].[slut_or_open]
), [t10] AS (
  SELECT
    [t9].[samtale_id],
    [t9].[dato],
    [t9].[has_cv],
    [t9].[has_job],
    [t9].[has_faelles_job],
    [t9].[has_raadighed],
    [t9].[counts_for_focus],
    [t9].[rows],
    [t9].[person_id],
    [t9].[forloeb_id],
    [t9].[akasse],
    IIF(
      IIF(
        CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
        NULL,
        CONCAT(CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)), 'M')
      ) IS NULL
      OR IIF(
        2 <= LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))),
        CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)),
        RIGHT(
          CONCAT(
            REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)))),
            CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))
          ),
          2
        )
      ) IS NULL,
      NULL,
      CONCAT(
        IIF(
          CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
          NULL,
          CONCAT(CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)), 'M')
        ),
        IIF(
          2 <= LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))),
          CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)),
          RIGHT(
            CONCAT(
              REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)))),
              CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))
            ),
            2
          )
        )
      )
    ) AS [month],
    [t9].[has_cv] <> 0 OR [t9].[has_raadighed] <> 0 AS [combined]
  FROM [t8] AS [t9]
  WHERE
    [t9].[dato] BETWEEN DATEFROMPARTS(2020, 9, 1) AND DATEFROMPARTS(2022, 4, 30)
    AND [t9].[has_job] <> 0
    AND (
      [t9].[has_cv] <> 0 OR [t9].[has_raadighed] <> 0
    )
), [t11] AS (
  SELECT
    [t9].[samtale_id],
    [t9].[dato],
    [t9].[has_cv],
    [t9].[has_job],
    [t9].[has_faelles_job],
    [t9].[has_raadighed],
    [t9].[counts_for_focus],
    [t9].[rows],
    [t9].[person_id],
    [t9].[forloeb_id],
    [t9].[akasse],
    IIF(
      IIF(
        CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
        NULL,
        CONCAT(CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)), 'M')
      ) IS NULL
      OR IIF(
        2 <= LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))),
        CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)),
        RIGHT(
          CONCAT(
            REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)))),
            CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))
          ),
          2
        )
      ) IS NULL,
      NULL,
      CONCAT(
        IIF(
          CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
          NULL,
          CONCAT(CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)), 'M')
        ),
        IIF(
          2 <= LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))),
          CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)),
          RIGHT(
            CONCAT(
              REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)))),
              CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))
            ),
            2
          )
        )
      )
    ) AS [month],
    [t9].[has_cv] <> 0 OR [t9].[has_raadighed] <> 0 AS [combined]
  FROM [t8] AS [t9]
  WHERE
    [t9].[dato] BETWEEN DATEFROMPARTS(2020, 9, 1) AND DATEFROMPARTS(2022, 4, 30)
    AND [t9].[has_faelles_job] <> 0
    AND (
      [t9].[has_cv] <> 0 OR [t9].[has_raadighed] <> 0
    )
), [t12] AS (
  SELECT
    [t9].[samtale_id],
    [t9].[dato],
    [t9].[has_cv],
    [t9].[has_job],
    [t9].[has_faelles_job],
    [t9].[has_raadighed],
    [t9].[counts_for_focus],
    [t9].[rows],
    [t9].[person_id],
    [t9].[forloeb_id],
    [t9].[akasse],
    IIF(
      IIF(
        CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
        NULL,
        CONCAT(CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)), 'M')
      ) IS NULL
      OR IIF(
        2 <= LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))),
        CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)),
        RIGHT(
          CONCAT(
            REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)))),
            CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))
          ),
          2
        )
      ) IS NULL,
      NULL,
      CONCAT(
        IIF(
          CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
          NULL,
          CONCAT(CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)), 'M')
        ),
        IIF(
          2 <= LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))),
          CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)),
          RIGHT(
            CONCAT(
              REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)))),
              CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))
            ),
            2
          )
        )
      )
    ) AS [month],
    [t9].[has_cv] <> 0 OR [t9].[has_raadighed] <> 0 AS [combined]
  FROM [t8] AS [t9]
  WHERE
    [t9].[dato] BETWEEN DATEFROMPARTS(2020, 9, 1) AND DATEFROMPARTS(2022, 4, 30)
    AND [t9].[has_job] <> 0
), [t13] AS (
  SELECT
    [t9].[samtale_id],
    [t9].[dato],
    [t9].[has_cv],
    [t9].[has_job],
    [t9].[has_faelles_job],
    [t9].[has_raadighed],
    [t9].[counts_for_focus],
    [t9].[rows],
    [t9].[person_id],
    [t9].[forloeb_id],
    [t9].[akasse],
    IIF(
      IIF(
        CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
        NULL,
        CONCAT(CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)), 'M')
      ) IS NULL
      OR IIF(
        2 <= LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))),
        CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)),
        RIGHT(
          CONCAT(
            REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)))),
            CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))
          ),
          2
        )
      ) IS NULL,
      NULL,
      CONCAT(
        IIF(
          CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
          NULL,
          CONCAT(CAST(DATEPART(year, [t9].[dato]) AS VARCHAR(max)), 'M')
        ),
        IIF(
          2 <= LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))),
          CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)),
          RIGHT(
            CONCAT(
              REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max)))),
              CAST(DATEPART(month, [t9].[dato]) AS VARCHAR(max))
            ),
            2
          )
        )
      )
    ) AS [month],
    [t9].[has_cv] <> 0 OR [t9].[has_raadighed] <> 0 AS [combined]
  FROM [t8] AS [t9]
  WHERE
    [t9].[dato] BETWEEN DATEFROMPARTS(2020, 9, 1) AND DATEFROMPARTS(2022, 4, 30)
    AND [t9].[has_faelles_job] <> 0
)
SELECT
  [t3].[month],
  [t3].[akasse],
  [t3].[category],
  CASE
    WHEN CAST(COALESCE([t43].[d], 0) AS FLOAT) > 0
    THEN CAST(COALESCE([t42].[n], 0) AS FLOAT) / CAST(COALESCE([t43].[d], 0) AS FLOAT)
    ELSE CAST(NULL AS FLOAT)
  END AS [value],
  CAST(COALESCE([t43].[d], 0) AS FLOAT) AS [denominator]
FROM [memtable_0] AS [t3]
LEFT OUTER JOIN (
  SELECT
    [t38].[month],
    [t38].[akasse],
    [t38].[category],
    [t38].[n]
  FROM (
    SELECT
      *
    FROM (
      SELECT
        [t30].[month],
        [t30].[akasse],
        [t30].[n],
        'JOB' AS [category]
      FROM (
        SELECT
          *
        FROM (
          SELECT
            [t14].[month],
            [t14].[akasse],
            COUNT_BIG(*) AS [n]
          FROM [t10] AS [t14]
          GROUP BY
            [t14].[month],
            [t14].[akasse]
        ) AS [t18]
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            [t19].[month],
            'ALLE' AS [akasse],
            [t19].[n]
          FROM (
            SELECT
              [t14].[month],
              COUNT_BIG(*) AS [n]
            FROM [t10] AS [t14]
            GROUP BY
              [t14].[month]
          ) AS [t19]
        ) AS [t26]
      ) AS [t30]
    ) AS [t34]
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        [t31].[month],
        [t31].[akasse],
        [t31].[n],
        'FAELLES_JOB' AS [category]
      FROM (
        SELECT
          *
        FROM (
          SELECT
            [t15].[month],
            [t15].[akasse],
            COUNT_BIG(*) AS [n]
          FROM [t11] AS [t15]
          GROUP BY
            [t15].[month],
            [t15].[akasse]
        ) AS [t20]
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            [t21].[month],
            'ALLE' AS [akasse],
            [t21].[n]
          FROM (
            SELECT
              [t15].[month],
              COUNT_BIG(*) AS [n]
            FROM [t11] AS [t15]
            GROUP BY
              [t15].[month]
          ) AS [t21]
        ) AS [t27]
      ) AS [t31]
    ) AS [t35]
  ) AS [t38]
) AS [t42]
  ON [t3].[month] = [t42].[month]
  AND [t3].[akasse] = [t42].[akasse]
  AND [t3].[category] = [t42].[category]
LEFT OUTER JOIN (
  SELECT
    [t39].[month],
    [t39].[akasse],
    [t39].[category],
    [t39].[d]
  FROM (
    SELECT
      *
    FROM (
      SELECT
        [t32].[month],
        [t32].[akasse],
        [t32].[d],
        'JOB' AS [category]
      FROM (
        SELECT
          *
        FROM (
          SELECT
            [t16].[month],
            [t16].[akasse],
            COUNT_BIG(*) AS [d]
          FROM [t12] AS [t16]
          GROUP BY
            [t16].[month],
            [t16].[akasse]
        ) AS [t22]
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            [t23].[month],
            'ALLE' AS [akasse],
            [t23].[d]
          FROM (
            SELECT
              [t16].[month],
              COUNT_BIG(*) AS [d]
            FROM [t12] AS [t16]
            GROUP BY
              [t16].[month]
          ) AS [t23]
        ) AS [t28]
      ) AS [t32]
    ) AS [t36]
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        [t33].[month],
        [t33].[akasse],
        [t33].[d],
        'FAELLES_JOB' AS [category]
      FROM (
        SELECT
          *
        FROM (
          SELECT
            [t17].[month],
            [t17].[akasse],
            COUNT_BIG(*) AS [d]
          FROM [t13] AS [t17]
          GROUP BY
            [t17].[month],
            [t17].[akasse]
        ) AS [t24]
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            [t25].[month],
            'ALLE' AS [akasse],
            [t25].[d]
          FROM (
            SELECT
              [t17].[month],
              COUNT_BIG(*) AS [d]
            FROM [t13] AS [t17]
            GROUP BY
              [t17].[month]
          ) AS [t25]
        ) AS [t29]
      ) AS [t33]
    ) AS [t37]
  ) AS [t39]
) AS [t43]
  ON [t3].[month] = [t43].[month]
  AND [t3].[akasse] = [t43].[akasse]
  AND [t3].[category] = [t43].[category]
