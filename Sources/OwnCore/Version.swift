/// The version of own's programs, which ship together: `own --version`, `own-gate --version`,
/// `own-server --version`, and the gate's SARIF. Raise it with each release.
public enum OwnVersion {
    public static let number = "0.2.0"
}
