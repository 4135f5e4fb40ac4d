WITH [t3] AS (
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
    ) AS [slut_month],
    IIF(
      IIF(
        CAST(DATEPART(year, [t1].[start_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
        NULL,
        CONCAT(CAST(DATEPART(year, [t1].[start_dato]) AS VARCHAR(max)), 'M')
      ) IS NULL
      OR IIF(
        2 <= LEN(CAST(DATEPART(month, [t1].[start_dato]) AS VARCHAR(max))),
        CAST(DATEPART(month, [t1].[start_dato]) AS VARCHAR(max)),
        RIGHT(
          CONCAT(
            REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t1].[start_dato]) AS VARCHAR(max)))),
            CAST(DATEPART(month, [t1].[start_dato]) AS VARCHAR(max))
          ),
          2
        )
      ) IS NULL,
      NULL,
      CONCAT(
        IIF(
          CAST(DATEPART(year, [t1].[start_dato]) AS VARCHAR(max)) IS NULL OR 'M' IS NULL,
          NULL,
          CONCAT(CAST(DATEPART(year, [t1].[start_dato]) AS VARCHAR(max)), 'M')
        ),
        IIF(
          2 <= LEN(CAST(DATEPART(month, [t1].[start_dato]) AS VARCHAR(max))),
          CAST(DATEPART(month, [t1].[start_dato]) AS VARCHAR(max)),
          RIGHT(
            CONCAT(
              REPLICATE('0', 2 - LEN(CAST(DATEPART(month, [t1].[start_dato]) AS VARCHAR(max)))),
              CAST(DATEPART(month, [t1].[start_dato]) AS VARCHAR(max))
            ),
            2
          )
        )
      )
    ) AS [month]
  FROM [forloeb] AS [t1]
  WHERE
    [t1].[start_dato] BETWEEN DATEFROMPARTS(2020, 9, 1) AND DATEFROMPARTS(2022, 4, 30)
)
SELECT
  [t2].[month],
  [t2].[akasse],
  [t2].[category],
  CAST(COALESCE([t10].[n], 0) AS FLOAT) AS [value],
  CAST(NULL AS FLOAT) AS [denominator]
FROM [memtable_0] AS [t2]
LEFT OUTER JOIN (
  SELECT
    [t8].[month],
    [t8].[akasse],
    '' AS [category],
    [t8].[n]
  FROM (
    SELECT
      *
    FROM (
      SELECT
        [t4].[month],
        [t4].[akasse],
        COUNT_BIG(*) AS [n]
      FROM [t3] AS [t4]
      GROUP BY
        [t4].[month],
        [t4].[akasse]
    ) AS [t5]
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        [t6].[month],
        'ALLE' AS [akasse],
        [t6].[n]
      FROM (
        SELECT
          [t4].[month],
          COUNT_BIG(*) AS [n]
        FROM [t3] AS [t4]
        GROUP BY
          [t4].[month]
      ) AS [t6]
    ) AS [t7]
  ) AS [t8]
) AS [t10]
  ON [t2].[month] = [t10].[month]
  AND [t2].[akasse] = [t10].[akasse]
  AND [t2].[category] = [t10].[category]
