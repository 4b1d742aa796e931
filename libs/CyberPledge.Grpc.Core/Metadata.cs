using System.Collections;
using System.Text;

namespace Grpc.Core;

/// <summary>Call headers or trailers: an ordered list of key/value entries; keys ending in <c>-bin</c> carry bytes.</summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    /// <summary>The suffix that marks a binary key.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>An empty, read-only instance.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    /// <summary>Makes this instance read-only.</summary>
    internal Metadata Freeze()
    {
        _readOnly = true;
        return this;
    }

    /// <summary>The last entry with the key, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == NormalizeKey(key))
            {
                return _entries[i];
            }
        }
        return null;
    }

    /// <summary>The last string value of the key, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The last binary value of the key, or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <summary>Every entry with the key, in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = NormalizeKey(key);
        return _entries.Where(e => e.Key == normalized).ToList();
    }

    /// <summary>Adds a string entry.</summary>
    public void Add(string key, string value) => Add(new Entry(key, value));

    /// <summary>Adds a binary entry (the key must end in <c>-bin</c>).</summary>
    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    /// <inheritdoc />
    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWritable();
        _entries.Add(item);
    }

    /// <inheritdoc />
    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckWritable();
            _entries[index] = value;
        }
    }

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public bool IsReadOnly => _readOnly;

    /// <inheritdoc />
    public int IndexOf(Entry item) => _entries.IndexOf(item);

    /// <inheritdoc />
    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWritable();
        _entries.Insert(index, item);
    }

    /// <inheritdoc />
    public void RemoveAt(int index)
    {
        CheckWritable();
        _entries.RemoveAt(index);
    }

    /// <inheritdoc />
    public void Clear()
    {
        CheckWritable();
        _entries.Clear();
    }

    /// <inheritdoc />
    public bool Contains(Entry item) => _entries.Contains(item);

    /// <inheritdoc />
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public bool Remove(Entry item)
    {
        CheckWritable();
        return _entries.Remove(item);
    }

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    private void CheckWritable()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("Metadata is read-only.");
        }
    }

    private static string NormalizeKey(string key) => key.ToLowerInvariant();

    /// <summary>One metadata entry.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        /// <summary>Creates a string entry; the key must be a valid header name without the <c>-bin</c> suffix.</summary>
        public Entry(string key, string value)
        {
            Key = ValidateKey(key, out var isBinary);
            if (isBinary)
            {
                throw new ArgumentException("A key ending in '-bin' takes a byte[] value.", nameof(key));
            }
            _value = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>Creates a binary entry; the key must end in <c>-bin</c>.</summary>
        public Entry(string key, byte[] valueBytes)
        {
            Key = ValidateKey(key, out var isBinary);
            if (!isBinary)
            {
                throw new ArgumentException("A byte[] value needs a key ending in '-bin'.", nameof(key));
            }
            _valueBytes = (byte[])(valueBytes ?? throw new ArgumentNullException(nameof(valueBytes))).Clone();
        }

        /// <summary>The key, lower case.</summary>
        public string Key { get; }

        /// <summary>The string value; for a binary entry this throws.</summary>
        public string Value => _value ?? throw new InvalidOperationException("A binary entry has no string value; read ValueBytes.");

        /// <summary>The binary value; for a string entry its ASCII bytes.</summary>
        public byte[] ValueBytes => _valueBytes is not null ? (byte[])_valueBytes.Clone() : Encoding.ASCII.GetBytes(_value!);

        /// <summary>Whether the key ends in <c>-bin</c>.</summary>
        public bool IsBinary => _valueBytes is not null;

        /// <inheritdoc />
        public override string ToString() => IsBinary
            ? $"[Entry: key={Key}, valueBytes={Convert.ToBase64String(_valueBytes!)}]"
            : $"[Entry: key={Key}, value={_value}]";

        private static string ValidateKey(string key, out bool isBinary)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                // Header names allowed by the protocol: 0-9 a-z _ - .
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
                {
                    throw new ArgumentException($"Metadata key '{key}' has a character outside 0-9 a-z _ - .", nameof(key));
                }
            }
            isBinary = normalized.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);
            return normalized;
        }
    }
}
