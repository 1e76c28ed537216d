using System.Runtime.CompilerServices;

namespace PerformanceEval.Templates;

/// <summary>
/// The last results of a pure function of a string on one thread, found by the string's identity: the stages ask for
/// the same cell's cleaned text and label key again and again (a form's cells are asked about a thousand times), and
/// a cell's text is one string object from ingestion to the normalizer. A slot holds the last string that hashed
/// to it; a miss costs one comparison. One instance per thread (<see cref="ThreadStaticAttribute"/> at the caller), so
/// workers share nothing mutable.
/// </summary>
internal sealed class RecentResults<T>
{
    private const int Slots = 1024;
    private readonly string?[] _keys = new string?[Slots];
    private readonly T[] _values = new T[Slots];

    public bool TryGet(string key, out T value)
    {
        var slot = RuntimeHelpers.GetHashCode(key) & (Slots - 1);
        if (ReferenceEquals(_keys[slot], key))
        {
            value = _values[slot];
            return true;
        }
        value = default!;
        return false;
    }

    public T Remember(string key, T value)
    {
        var slot = RuntimeHelpers.GetHashCode(key) & (Slots - 1);
        _keys[slot] = key;
        _values[slot] = value;
        return value;
    }
}
