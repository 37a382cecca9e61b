namespace MLNetCtr.Data.Synthetic;

/// <summary>One shown (user, item) pair in its context.</summary>
internal readonly record struct Impression(int User, int Item, int Hour, int Device, int Position);

/// <summary>
/// The users, items and request contexts shared by the field-based scenarios, with the standard columns that describe
/// them: user side <c>user_id, age_bucket, gender, city</c>; item side <c>item_id, category, brand, price_bucket,
/// item_price</c>; context <c>hour, device</c>.
/// </summary>
internal sealed class ImpressionWorld
{
    public const int Hours = 24;
    public static readonly IReadOnlyList<string> Devices = ["ios", "android", "desktop", "tablet"];

    private static readonly DiscreteSampler s_device = new([0.42, 0.40, 0.13, 0.05]);
    private static readonly DiscreteSampler s_hour = new(Enumerable.Range(0, Hours).Select(HourWeight).ToArray());

    public ImpressionWorld(SyntheticRandom random, SyntheticOptions options)
    {
        Users = new UserPopulation(random, options.Users, options.LatentDimension);
        Items = new ItemCatalog(random, options);
        Positions = options.Positions;
    }

    public UserPopulation Users { get; }

    public ItemCatalog Items { get; }

    public int Positions { get; }

    public static IReadOnlyList<ColumnSchema> UserColumns { get; } =
    [
        SyntheticColumns.Categorical("user_id", FeatureSide.User),
        SyntheticColumns.Categorical("age_bucket", FeatureSide.User),
        SyntheticColumns.Categorical("gender", FeatureSide.User),
        SyntheticColumns.Categorical("city", FeatureSide.User),
    ];

    public static IReadOnlyList<ColumnSchema> ItemColumns { get; } =
    [
        SyntheticColumns.Categorical("item_id", FeatureSide.Item),
        SyntheticColumns.Categorical("category", FeatureSide.Item),
        SyntheticColumns.Categorical("brand", FeatureSide.Item),
        SyntheticColumns.Categorical("price_bucket", FeatureSide.Item),
        SyntheticColumns.Numeric("item_price", FeatureSide.Item, NumericTransform.Bucketize),
    ];

    public static IReadOnlyList<ColumnSchema> ContextColumns { get; } =
    [
        SyntheticColumns.Categorical("hour", FeatureSide.Context),
        SyntheticColumns.Categorical("device", FeatureSide.Context),
    ];

    /// <summary>A user by activity, an item by popularity, an hour by the daily traffic curve, a device and a uniform position.</summary>
    public Impression Sample(SyntheticRandom random) => new(
        Users.Sample(random), Items.Sample(random), SampleHour(random), SampleDevice(random), random.NextInt(1, Positions));

    public static int SampleHour(SyntheticRandom random) => s_hour.Sample(random);

    public static int SampleDevice(SyntheticRandom random) => s_device.Sample(random);

    /// <summary>Writes the cells of <see cref="UserColumns"/>.</summary>
    public void WriteUser(CsvRowWriter row, int user)
    {
        row.Token("u", user);
        row.Text(UserPopulation.AgeBuckets[Users.AgeBucket[user]]);
        row.Text(UserPopulation.Genders[Users.Gender[user]]);
        row.Token("city", Users.City[user]);
    }

    /// <summary>Writes the cells of <see cref="ItemColumns"/>.</summary>
    public void WriteItem(CsvRowWriter row, int item)
    {
        row.Token("i", item);
        row.Token("cat", Items.Category[item]);
        row.Token("b", Items.Brand[item]);
        row.Token("p", Items.PriceBucket[item]);
        row.Number(Items.Price[item]);
    }

    /// <summary>Writes the cells of <see cref="ContextColumns"/>.</summary>
    public static void WriteContext(CsvRowWriter row, int hour, int device)
    {
        row.Integer(hour);
        row.Text(Devices[device]);
    }

    // Traffic by hour: low at night, a plateau through the day and an evening peak around 20:00.
    private static double HourWeight(int hour) =>
        (hour is >= 7 and <= 23 ? 1.0 : 0.25) + 0.8 * Math.Exp(-(hour - 20) * (hour - 20) / 8.0);
}
