using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace MLNetCtr.Text;

/// <summary>
/// BAHE's behavior embedding table (Geng et al., SIGIR 2024): one D-vector per distinct behavior text, keyed by a dense
/// behavior id, persisted in SQLite and held in memory. Append-only: an id, once given, keeps its text and vector for
/// the life of the file, so a model trained on ids 1 … N scores the same after the table grows.
/// </summary>
/// <remarks>
/// <code>
///   meta(key TEXT PRIMARY KEY, value TEXT)             table_id (a GUID), dimension, encoder (what made the vectors)
///   behaviors(id INTEGER PRIMARY KEY, text TEXT UNIQUE, vector BLOB)   vector = D little-endian float32
/// </code>
/// Id 0 is padding (a zero vector) and never stored; texts get ids 1, 2, … in insertion order. No connection stays open:
/// <see cref="Add"/> opens one, takes the write lock, first reads rows another process may have appended, then inserts.
/// </remarks>
public sealed class BehaviorTable
{
    /// <summary>The id of padding, whose vector is zero.</summary>
    public const int PaddingId = 0;

    private readonly string _connectionString;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [""];
    private readonly object _gate = new();
    private float[] _vectors;

    private BehaviorTable(string connectionString, string path, string tableId, int dimension, string encoder)
    {
        _connectionString = connectionString;
        Path = path;
        TableId = tableId;
        Dimension = dimension;
        Encoder = encoder;
        _vectors = new float[dimension * 64];
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    /// <summary>A GUID given when the file was created; a model records it to detect a swapped table.</summary>
    public string TableId { get; }

    /// <summary>Width D of every vector.</summary>
    public int Dimension { get; }

    /// <summary>What produced the vectors (encoder and frozen depth); a table never mixes two encoders.</summary>
    public string Encoder { get; }

    /// <summary>Number of behaviors stored (ids 1 … Count).</summary>
    public int Count => _texts.Count - 1;

    /// <summary>Opens the table at <paramref name="path"/>, creating it if absent, and loads it into memory.</summary>
    /// <exception cref="InvalidDataException">The file was made with another dimension or encoder.</exception>
    public static BehaviorTable Open(string path, int dimension, string encoder)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentException.ThrowIfNullOrEmpty(encoder);
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        string connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);" +
                " CREATE TABLE IF NOT EXISTS behaviors(id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE, vector BLOB NOT NULL);");
            Execute(connection, "INSERT OR IGNORE INTO meta VALUES ('table_id', $0), ('dimension', $1), ('encoder', $2);", Guid.NewGuid().ToString("N"), dimension.ToString(), encoder);
            Dictionary<string, string> meta = ReadMeta(connection);
            if (meta["dimension"] != dimension.ToString() || meta["encoder"] != encoder)
            {
                throw new InvalidDataException($"Behavior table '{full}' holds {meta["dimension"]}-d vectors from '{meta["encoder"]}', not {dimension}-d vectors from '{encoder}'.");
            }
            var table = new BehaviorTable(connectionString, full, meta["table_id"], dimension, encoder);
            table.LoadRows(connection);
            return table;
        }
    }

    /// <summary>The id of <paramref name="text"/>, if stored.</summary>
    public bool TryGetId(string text, out int id)
    {
        lock (_gate)
        {
            return _ids.TryGetValue(text, out id);
        }
    }

    /// <summary>The text of behavior <paramref name="id"/> (1 … Count).</summary>
    public string TextOf(int id)
    {
        lock (_gate)
        {
            return _texts[id];
        }
    }

    /// <summary>The vector of behavior <paramref name="id"/>; id 0 gives zeros.</summary>
    public ReadOnlySpan<float> VectorOf(int id)
    {
        float[] vectors;
        lock (_gate)   // a concurrent Add may grow the array; stored rows never change
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)id, (uint)Count, nameof(id));
            vectors = _vectors;
        }
        return vectors.AsSpan(id * Dimension, Dimension);
    }

    /// <summary>Stores new behaviors in one transaction and returns their ids; texts already stored keep theirs.</summary>
    /// <param name="texts">The texts, distinct.</param>
    /// <param name="vectors">Their vectors, <c>texts.Count × D</c> row-major.</param>
    public int[] Add(IReadOnlyList<string> texts, ReadOnlySpan<float> vectors)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (vectors.Length != texts.Count * Dimension)
        {
            throw new ArgumentException($"{texts.Count} texts need {texts.Count * Dimension} floats ({Dimension} each), got {vectors.Length}.", nameof(vectors));
        }
        lock (_gate)
        {
            int[] ids = new int[texts.Count];
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Execute(connection, "PRAGMA synchronous=NORMAL;");   // WAL + NORMAL: a commit does not wait for fsync (a crash loses at most the last commits, never consistency)
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: the write lock
            LoadRows(connection);                                                                   // rows other processes appended
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO behaviors(id, text, vector) VALUES ($id, $text, $vector);";
            SqliteParameter id = insert.Parameters.Add("$id", SqliteType.Integer), text = insert.Parameters.Add("$text", SqliteType.Text),
                vector = insert.Parameters.Add("$vector", SqliteType.Blob);
            for (int i = 0; i < texts.Count; i++)
            {
                if (_ids.TryGetValue(texts[i], out ids[i]))
                {
                    continue;
                }
                ReadOnlySpan<float> row = vectors.Slice(i * Dimension, Dimension);
                ids[i] = Append(texts[i], row);
                (id.Value, text.Value, vector.Value) = (ids[i], texts[i], MemoryMarshal.AsBytes(row).ToArray());
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
            return ids;
        }
    }

    private int Append(string text, ReadOnlySpan<float> vector)
    {
        int id = _texts.Count;
        if ((id + 1) * Dimension > _vectors.Length)
        {
            Array.Resize(ref _vectors, Math.Max(2 * _vectors.Length, (id + 1) * Dimension));
        }
        vector.CopyTo(_vectors.AsSpan(id * Dimension));
        _texts.Add(text);
        _ids.Add(text, id);
        return id;
    }

    /// <summary>Reads the rows after the ones in memory.</summary>
    private void LoadRows(SqliteConnection connection)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT id, text, vector FROM behaviors WHERE id > $count ORDER BY id;";
        select.Parameters.AddWithValue("$count", Count);
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            long id = reader.GetInt64(0);
            byte[] blob = (byte[])reader.GetValue(2);
            if (id != _texts.Count || blob.Length != Dimension * sizeof(float))
            {
                throw new InvalidDataException($"Behavior table '{Path}' is damaged: row id {id} (expected {_texts.Count}) has a {blob.Length}-byte vector (expected {Dimension * sizeof(float)}).");
            }
            Append(reader.GetString(1), MemoryMarshal.Cast<byte, float>(blob));
        }
    }

    private static Dictionary<string, string> ReadMeta(SqliteConnection connection)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT key, value FROM meta;";
        using SqliteDataReader reader = select.ExecuteReader();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            meta[reader.GetString(0)] = reader.GetString(1);
        }
        return meta;
    }

    private static void Execute(SqliteConnection connection, string sql, params string[] arguments)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < arguments.Length; i++)
        {
            command.Parameters.AddWithValue("$" + i, arguments[i]);
        }
        command.ExecuteNonQuery();
    }
}
