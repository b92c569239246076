#!/usr/bin/env bash
# CI guard: no `try!`, force unwrap (postfix `!`, `as!`), `fatalError(`, `precondition(`,
# `preconditionFailure(` or `unsafelyUnwrapped` in the Swift files under Sources/. Each finding is
# printed as file:line: rule: code. String literals and comments are blanked before matching (so
# "Hello! world" or a doc comment naming fatalError is not a finding; code inside a string
# interpolation is not checked either).
#
# usage: scripts/check-source-rules.sh              self-test, then check Sources/
#        scripts/check-source-rules.sh --self-test  only the self-test
#        scripts/check-source-rules.sh PATH...      check these files or folders (no self-test)
set -euo pipefail
cd "$(dirname "$0")/.."

# Prints the findings in the given Swift files; exits 1 when there is any.
scan() {
    perl -e '
        use strict; use warnings;
        my $findings = 0;
        sub report { my ($file, $ln, $rule, $line) = @_; $line =~ s/^\s+//; print "$file:$ln: $rule: $line\n"; $findings++; }
        for my $file (@ARGV) {
            open(my $fh, "<", $file) or die "check-source-rules: cannot read $file: $!\n";
            my ($state, $hashes, $depth, $ln) = ("code", "", 0, 0);
            while (my $line = <$fh>) {
                $ln++;
                chomp $line;
                my ($code, $i, $n) = ("", 0, length $line);
                while ($i < $n) {
                    my $c = substr($line, $i, 1);
                    if ($state eq "block") {
                        if (substr($line, $i, 2) eq "*/") { $i += 2; $depth--; if ($depth == 0) { $state = "code"; $code .= " "; } next; }
                        if (substr($line, $i, 2) eq "/*") { $i += 2; $depth++; next; }
                        $i++; next;
                    }
                    if ($state eq "string" || $state eq "multi") {
                        my $close = ($state eq "multi" ? "\"\"\"" : "\"") . $hashes;
                        if ($c eq "\\" && $hashes eq "") { $i += 2; next; }
                        if (substr($line, $i, length $close) eq $close) { $i += length $close; $state = "code"; $code .= "\"\""; next; }
                        $i++; next;
                    }
                    last if substr($line, $i, 2) eq "//";
                    if (substr($line, $i, 2) eq "/*") { $state = "block"; $depth = 1; $i += 2; next; }
                    if (($c eq "#" || $c eq "\"") && substr($line, $i) =~ /^(#*)("""|")/) {
                        $hashes = $1; $state = $2 eq "\"\"\"" ? "multi" : "string";
                        $i += length($1) + length($2);
                        next;
                    }
                    $code .= $c; $i++;
                }
                $state = "code" if $state eq "string";  # a one-line string never spans lines
                report($file, $ln, "try!", $line) if $code =~ /\btry!/;
                report($file, $ln, "force unwrap", $line) if $code =~ /[\w\)\]](?<!\btry)!(?=[.\)\],;:\s]|$)/;
                report($file, $ln, "fatalError", $line) if $code =~ /\bfatalError\s*\(/;
                report($file, $ln, "precondition", $line) if $code =~ /\bprecondition(?:Failure)?\s*\(/;
                report($file, $ln, "unsafelyUnwrapped", $line) if $code =~ /\bunsafelyUnwrapped\b/;
            }
            close $fh;
        }
        exit($findings ? 1 : 0);
    ' "$@"
}

# Lists the Swift files under the given paths, sorted.
swift_files() {
    find "$@" -type f -name '*.swift' | LC_ALL=C sort
}

# Plants each kind of violation (and look-alikes that are not violations) in a temp folder and
# checks that exactly the planted lines are reported, so the guard cannot pass by matching nothing.
self_test() {
    local folder
    folder=$(mktemp -d "${TMPDIR:-/tmp}/codex-source-rules.XXXXXX")
    trap 'rm -rf "$folder"' RETURN
    cat > "$folder/Planted.swift" <<'SWIFT'
let a = try! load()
let b = value!.count
let c = compute(x!)
let d = items[0]!
let e = f()!, g = 1
let h = any as! String
fatalError("no")
precondition(ok)
preconditionFailure("no")
let i = pointer.unsafelyUnwrapped
var j: String!
SWIFT
    cat > "$folder/Clean.swift" <<'SWIFT'
let a = x != y
let b = !flag && !other(x)
if !items.isEmpty, a !== b { print("Hello! world!") }
let c = "try! fatalError( precondition( x!.y"
/// Never `fatalError(` here, nor `x!.y`.
// try! in a comment
/* value!.count
   precondition(false) */
let d = """
    Done! Nothing to do! fatalError(
    """
let e = #"raw "quoted"! x!.y"#
let f = try? parse(x)
let g = y ?? z
#if !os(Linux)
#endif
SWIFT
    local output expected status=0
    output=$(scan "$folder/Planted.swift") && status=0 || status=$?
    expected=$(printf '%s\n' \
        "1: try!" "2: force unwrap" "3: force unwrap" "4: force unwrap" "5: force unwrap" "6: force unwrap" \
        "7: fatalError" "8: precondition" "9: precondition" "10: unsafelyUnwrapped" "11: force unwrap")
    local got
    got=$(printf '%s\n' "$output" | sed -E 's/^[^:]*:([0-9]+): ([^:]+):.*/\1: \2/')
    if [ "$status" -ne 1 ] || [ "$got" != "$expected" ]; then
        echo "check-source-rules self-test: planted violations were not all reported exactly once" >&2
        echo "expected:" >&2; echo "$expected" >&2
        echo "got (exit $status):" >&2; echo "$output" >&2
        return 1
    fi
    if ! output=$(scan "$folder/Clean.swift"); then
        echo "check-source-rules self-test: false findings in look-alikes:" >&2
        echo "$output" >&2
        return 1
    fi
    echo "check-source-rules self-test: 11 planted violations caught, 0 false findings"
}

check() {
    local files
    mapfile -t files < <(swift_files "$@")
    if [ "${#files[@]}" -eq 0 ]; then
        echo "check-source-rules: no Swift files under $*" >&2
        return 1
    fi
    if ! scan "${files[@]}"; then
        echo "check-source-rules: the findings above break the source rules (no try!, force unwraps, fatalError, precondition, unsafelyUnwrapped)" >&2
        return 1
    fi
    echo "check-source-rules: ${#files[@]} files under $*, 0 findings"
}

case "${1:-}" in
    --self-test) self_test ;;
    "") self_test && check Sources ;;
    *) check "$@" ;;
esac
