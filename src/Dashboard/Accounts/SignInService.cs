using System.Collections.Concurrent;

namespace CommandCenter.Accounts;

/// <summary>
/// Checks a password with lockout: after MaxFailures wrong passwords the account is locked for LockFor.
/// Atomic per account: the lock state is read, the password checked and the count written under one gate per
/// account, so a parallel burst of guesses gets at most MaxFailures checked before the lock (other accounts are
/// not held up). The audit trail tells checked attempts (wrong, locked) from refused ones (locked_out).
/// </summary>
public sealed class SignInService(UserStore users, TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    /// <summary>Ok; Wrong (checked, wrong); Locked (checked, wrong, and this attempt locked the account); LockedOut (not checked: locked).</summary>
    public enum Result { Ok, Wrong, Locked, LockedOut }

    private readonly ConcurrentDictionary<string, Lock> _gates = new(StringComparer.OrdinalIgnoreCase);

    public (Result Result, UserAccount? User) Check(string userName, string password)
    {
        if (users.Find(userName) is null) return (Result.Wrong, null); // no gate for names that are not accounts
        lock (_gates.GetOrAdd(userName, _ => new Lock()))
        {
            var user = users.Find(userName); // read again inside the gate: the attempt before may have locked it
            if (user is null) return (Result.Wrong, null);
            var now = time.GetUtcNow();
            if (user.LockedUntil is { } until && until > now) return (Result.LockedOut, user);
            if (users.Verify(user, password))
            {
                if (user.FailedAttempts != 0 || user.LockedUntil is not null) users.Update(user with { FailedAttempts = 0, LockedUntil = null });
                return (Result.Ok, user);
            }
            var failures = user.FailedAttempts + 1;
            var locked = failures >= MaxFailures;
            users.Update(user with { FailedAttempts = locked ? 0 : failures, LockedUntil = locked ? now + LockFor : null });
            return (locked ? Result.Locked : Result.Wrong, user);
        }
    }
}
