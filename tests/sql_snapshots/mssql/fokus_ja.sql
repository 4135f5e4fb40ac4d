WITH [t15] AS (
  SELECT
    [t14].[forloeb_id],
    [t14].[akasse],
    [t14].[month],
    [t14].[unique_conversations],
    [t14].[focus_conversations],
    [t14].[focus_conversations] >= 2 AS [focus_met]
  FROM (
    SELECT
      [t8].[forloeb_id],
      [t8].[akasse],
      [t8].[month],
      COALESCE([t13].[unique_conversations], 0) AS [unique_conversations],
      COALESCE([t13].[focus_conversations], 0) AS [focus_conversations]
    FROM (
      SELECT
        [t1].[forloeb_id],
        [t1].[akasse],
        IIF(
          IIF(
            CAST(DATEPART(year, [t1].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
            NULL,
            CONCAT(CAST(DATEPART(year, [t1].[slut_dato]) AS VARCHAR(max)), 'M')
          ) IS NULL
          OR IIF(
            2 <= LEN(CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max))),
            CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max)),
            RIGHT(
              CONCAT(
                REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max)))),
                CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max))
              ),
              2
            )
          ) IS NULL,
          NULL,
          CONCAT(
            IIF(
              CAST(DATEPART(year, [t1].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
              NULL,
              CONCAT(CAST(DATEPART(year, [t1].[slut_dato]) AS VARCHAR(max)), 'M')
            ),
            IIF(
              2 <= LEN(CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max))),
              CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max)),
              RIGHT(
                CONCAT(
                  REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max)))),
                  CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max))
                ),
                2
              )
            )
          )
        ) AS [month]
      FROM [forloeb] AS [t1]
      WHERE
        [t1].[slut_aarsag] = 'FULD_PERIODE'
        AND [t1].[slut_dato] BETWEEN DATEFROMPARTS(2020, 9, 1) AND DATEFROMPARTS(2022, 4, 30)
    ) AS [t8]
    LEFT OUTER JOIN (
      SELECT
        [t11].[forloeb_id],
        COUNT_BIG(*) AS [unique_conversations],
        SUM(IIF([t11].[counts_for_focus] <> 0, 1, 0)) AS [focus_conversations]
      FROM (
        SELECT
          [t10].[samtale_id],
          [t10].[dato],
          [t10].[has_cv],
          [t10].[has_job],
          [t10].[has_faelles_job],
          [t10].[has_raadighed],
          [t10].[counts_for_focus],
          [t10].[rows],
          [t10].[person_id],
          [t10].[forloeb_id],
          [t10].[akasse],
          IIF(
            IIF(
              CAST(DATEPART(year, [t10].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
              NULL,
              CONCAT(CAST(DATEPART(year, [t10].[dato]) AS VARCHAR(max)), 'M')
            ) IS NULL
            OR IIF(
              2 <= LEN(CAST(DATEPART(month, [t10].[dato]) AS VARCHAR(max))),
              CAST(DATEPART(month, [t10].[dato]) AS VARCHAR(max)),
              RIGHT(
                CONCAT(
                  REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t10].[dato]) AS VARCHAR(max)))),
                  CAST(DATEPART(month, [t10].[dato]) AS VARCHAR(max))
                ),
                2
              )
            ) IS NULL,
            NULL,
            CONCAT(
              IIF(
                CAST(DATEPART(year, [t10].[dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
                NULL,
                CONCAT(CAST(DATEPART(year, [t10].[dato]) AS VARCHAR(max)), 'M')
              ),
              IIF(
                2 <= LEN(CAST(DATEPART(month, [t10].[dato]) AS VARCHAR(max))),
                CAST(DATEPART(month, [t10].[dato]) AS VARCHAR(max)),
                RIGHT(
                  CONCAT(
                    REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t10].[dato]) AS VARCHAR(max)))),
                    CAST(DATEPART(month, [t10].[dato]) AS VARCHAR(max))
                  ),
                  2
                )
              )
            )
          ) AS [month]
        FROM (
          SELECT
            [t7].[samtale_id],
            [t7].[dato],
            [t7].[has_cv],
            [t7].[has_job],
            [t7].[has_faelles_job],
            [t7].[has_raadighed],
            [t7].[counts_for_focus],
            [t7].[rows],
            [t7].[person_id],
            [t9].[forloeb_id],
            [t9].[akasse]
          FROM (
            SELECT
              [t2].[samtale_id],
              MIN([t2].[person_id]) AS [person_id],
              MIN([t2].[dato]) AS [dato],
              MAX(IIF([t2].[samtaletype] = 'CV', 1, 0)) AS [has_cv],
              MAX(IIF([t2].[samtaletype] = 'JOB', 1, 0)) AS [has_job],
              MAX(IIF([t2].[samtaletype] = 'FAELLES_JOB', 1, 0)) AS [has_faelles_job],
              MAX(IIF([t2].[samtaletype] = 'RAADIGHED', 1, 0)) AS [has_raadighed],
              MAX(
                IIF([t2].[samtaletype] IN ('JOB', 'FAELLES_JOB') AND [t2].[individuel] <> 0, 1, 0)
              ) AS [counts_for_focus],
              COUNT_BIG(*) AS [rows]
            FROM [samtaler] AS [t2]
            GROUP BY
              [t2].[samtale_id]
          ) AS [t7]
          INNER JOIN (
            SELECT
              [t1].[forloeb_id],
              [t1].[person_id],
              [t1].[akasse],
              [t1].[start_dato],
              [t1].[slut_dato],
              [t1].[slut_aarsag],
              COALESCE([t1].[slut_dato], DATEFROMPARTS(9999, 12, 31)) AS [slut_or_open],
              IIF(
                IIF(
                  CAST(DATEPART(year, [t1].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
                  NULL,
                  CONCAT(CAST(DATEPART(year, [t1].[slut_dato]) AS VARCHAR(max)), 'M')
                ) IS NULL
                OR IIF(
                  2 <= LEN(CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max))),
                  CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max)),
                  RIGHT(
                    CONCAT(
                      REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max)))),
                      CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max))
                    ),
                    2
                  )
                ) IS NULL,
                NULL,
                CONCAT(
                  IIF(
                    CAST(DATEPART(year, [t1].[slut_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
                    NULL,
                    CONCAT(CAST(DATEPART(year, [t1].[slut_dato]) AS VARCHAR(max)), 'M')
                  ),
                  IIF(
                    2 <= LEN(CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max))),
                    CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max)),
                    RIGHT(
                      CONCAT(
                        REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max)))),
                        CAST(DATEPART(month, [t1].[slut_dato]) AS VARCHAR(max))
                      ),
                      2
                    )
                  )
                )
              ) AS [slut_month]
            FROM [forloeb] AS [t1]
          ) AS [t9]
            ON [t7].[person_id] = [t9].[person_id]
            AND [t7].[dato] >= [t9].[start_dato]
            AND [t7].[dato] <= [t9].[slut_or_open]
        ) AS [t10]
      ) AS [t11]
      GROUP BY
        [t11].[forloeb_id]
    ) AS [t13]
      ON [t8].[forloeb_id] = [t13].[forloeb_id]
  ) AS [t14]
  WHERE
    [t14].[focus_conversations] >= 2
)
SELECT
  [t3].[month],
  [t3].[akasse],
  [t3].[category],
  CAST(COALESCE([t22].[n], 0) AS FLOAT) AS [value],
  CAST(NULL AS FLOAT) AS [denominator]
FROM [memtable_0] AS [t3]
LEFT OUTER JOIN (
  SELECT
    [t20].[month],
    [t20].[akasse],
    '' AS [category],
    [t20].[n]
  FROM (
    SELECT
      *
    FROM (
      SELECT
        [t16].[month],
        [t16].[akasse],
        COUNT_BIG(*) AS [n]
      FROM [t15] AS [t16]
      GROUP BY
        [t16].[month],
        [t16].[akasse]
    ) AS [t17]
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        [t18].[month],
        'ALLE' AS [akasse],
        [t18].[n]
      FROM (
        SELECT
          [t16].[month],
          COUNT_BIG(*) AS [n]
        FROM [t15] AS [t16]
        GROUP BY
          [t16].[month]
      ) AS [t18]
    ) AS [t19]
  ) AS [t20]
) AS [t22]
  ON [t3].[month] = [t22].[month]
  AND [t3].[akasse] = [t22].[akasse]
  AND [t3].[category] = [t22].[category]
