namespace CommandCenter.Accounts;

/// <summary>A local account: password stored only as an ASP.NET Core Identity hash; lockout after repeated failures.</summary>
public sealed record UserAccount(string UserName, string DisplayName, string Role, string PasswordHash)
{
    public int FailedAttempts { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
}
