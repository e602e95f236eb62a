namespace CommandCenter.Events;

/// <summary>
/// China's emergency levels: I 特别重大 (red), II 重大 (orange), III 较大 (yellow), IV 一般 (blue).
/// Carried on the wire as the integer 1–4.
/// </summary>
public static class Severity
{
    public const int I = 1, II = 2, III = 3, IV = 4;
    public static bool IsValid(int level) => level is >= I and <= IV;
    public static string Roman(int level) => level switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", _ => "?" };
}
