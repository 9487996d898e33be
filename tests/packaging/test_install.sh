#!/usr/bin/env bash
# Builds the .tar.gz and .deb packages from the current build tree with CPack, installs the
# tarball into a scratch prefix and uses what got installed the way a user would: both programs,
# the desktop entry, the MIME type, the icons, the AppStream metainfo, the man pages, the bash
# completion and the example designs. The .deb is inspected, not installed, so the test leaves
# the machine as it found it and can run again.
#
# test_install.sh --build BUILD_DIR --work WORK_DIR --cpack CPACK --version VERSION
set -uo pipefail

while (($#)); do
    case $1 in
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --cpack) cpack=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

app_id=io.github.s3rd.S3ReplicationDesigner
mime_type=application/x-s3rd-design+json
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() { echo "ok: $*"; }
need() {
    command -v "$1" >/dev/null || {
        echo "FAIL: $1 is not installed (scripts/install-deps.sh installs it)" >&2
        exit 1
    }
}
need desktop-file-validate
need appstreamcli
need dpkg-deb
need file

rm -rf "$work"
mkdir -p "$work/pkg" "$work/prefix" "$work/home"
# A private HOME and config, so the designer neither reads nor writes the user's settings.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export QT_QPA_PLATFORM=offscreen

# --- Packages ------------------------------------------------------------------------------------
if ! "$cpack" --config "$build/CPackConfig.cmake" -G "TGZ;DEB" -B "$work/pkg" >"$work/cpack.log" 2>&1
then
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack could not build the packages (is the whole project built?)" >&2
    exit 1
fi
tarball=$(ls "$work"/pkg/s3-replication-designer-"$version"-*.tar.gz 2>/dev/null | head -n 1)
deb=$(ls "$work"/pkg/s3-replication-designer_"$version"_*.deb 2>/dev/null | head -n 1)
[[ -f $tarball ]] || { echo "FAIL: no tarball for version $version in $work/pkg" >&2; exit 1; }
[[ -f $deb ]] || { echo "FAIL: no .deb for version $version in $work/pkg" >&2; exit 1; }
pass "cpack built $(basename "$tarball") and $(basename "$deb")"

prefix=$work/prefix
tar -xzf "$tarball" -C "$prefix" --strip-components=1 || { echo "FAIL: cannot unpack" >&2; exit 1; }

# --- Installed layout -----------------------------------------------------------------------------
share=$prefix/share
expected=(
    bin/s3rd bin/s3-replication-designer
    libexec/s3-replication-designer/s3rd-draw
    share/applications/$app_id.desktop
    share/metainfo/$app_id.metainfo.xml
    share/mime/packages/$app_id.xml
    share/icons/hicolor/scalable/apps/s3-replication-designer.svg
    share/icons/hicolor/scalable/mimetypes/application-x-s3rd-design.svg
    share/man/man1/s3rd.1 share/man/man1/s3-replication-designer.1
    share/bash-completion/completions/s3rd
    share/doc/s3-replication-designer/copyright
    share/doc/s3-replication-designer/third-party-notices.txt
)
for f in "${expected[@]}"; do
    [[ -s $prefix/$f ]] || fail "not installed: $f"
done
for size in 16 32 48 64 128 256; do
    for icon in apps/s3-replication-designer mimetypes/application-x-s3rd-design; do
        png=$share/icons/hicolor/${size}x${size}/$icon.png
        if ! file "$png" 2>/dev/null | grep -q "PNG image data, $size x $size"; then
            fail "missing or wrong size: ${png#"$prefix"/} ($(file -b "$png" 2>&1))"
        fi
    done
done
examples=("$share"/s3-replication-designer/examples/*.s3rd.json)
[[ -f ${examples[0]} ]] || fail "no example designs in share/s3-replication-designer/examples"
pass "installed layout checked (${#examples[@]} example designs)"

# --- s3rd ----------------------------------------------------------------------------------------
s3rd=$prefix/bin/s3rd
out=$("$s3rd" --version 2>&1)
[[ $out == "s3rd $version"* ]] && pass "s3rd --version: $out" || fail "s3rd --version printed '$out'"
for example in "${examples[@]}"; do
    [[ -f $example ]] || continue
    "$s3rd" check "$example" >"$work/check.out" 2>&1
    rc=$?
    # 0 = clean, 1 = findings (some examples show what breaks); 2 would mean it did not load.
    if ((rc == 0 || rc == 1)); then
        pass "s3rd check $(basename "$example") (exit $rc)"
    else
        fail "s3rd check $(basename "$example") exited $rc: $(head -n 5 "$work/check.out")"
    fi
done

# The labs are installed and s3rd finds them there: an empty S3RD_LABS_DIR is ignored, and the
# installed solutions meet their goals.
labs=("$share"/s3-replication-designer/labs/*/lab.json)
[[ -f ${labs[0]} ]] || fail "no labs in share/s3-replication-designer/labs"
listed=$(S3RD_LABS_DIR= "$s3rd" lab list 2>&1 | wc -l)
((listed == ${#labs[@]})) && pass "s3rd lab list: $listed labs" \
    || fail "s3rd lab list listed $listed labs, ${#labs[@]} are installed"
if "$s3rd" lab grade "$share"/s3-replication-designer/labs/*/solution.s3rd.json \
    --labs-dir "$share/s3-replication-designer/labs" >"$work/grade.out" 2>&1; then
    pass "s3rd lab grade: every installed solution meets its goals"
else
    fail "s3rd lab grade of the installed solutions: $(grep -m 3 '✘' "$work/grade.out")"
fi

# The command line loads no widget library: its diagram export draws with Qt Gui alone.
need ldd
if libs=$(ldd "$s3rd" 2>&1); then
    grep -q "libQt6Widgets" <<<"$libs" && fail "s3rd links QtWidgets: $(grep libQt6Widgets <<<"$libs")" \
        || pass "s3rd does not link libQt6Widgets"
else
    fail "ldd $s3rd: $libs"
fi
# ... and draws the diagram with no display and no Qt platform chosen.
if [[ -f ${examples[0]} ]]; then
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
        "$s3rd" export "${examples[0]}" --format png --out "$work/diagram.png" >"$work/export.out" 2>&1
    rc=$?
    if ((rc == 0)) && file "$work/diagram.png" | grep -q "PNG image data"; then
        pass "s3rd export --format png without a display"
    else
        fail "s3rd export --format png without a display exited $rc: $(cat "$work/export.out")"
    fi
fi

# --- The designer ---------------------------------------------------------------------------------
designer=$prefix/bin/s3-replication-designer
out=$("$designer" --version 2>&1)
[[ $out == *"$version"* ]] && pass "designer --version: $out" || fail "designer --version printed '$out'"
"$designer" --help >"$work/designer-help.out" 2>&1 && grep -q -- --quit-after-load "$work/designer-help.out" \
    && pass "designer --help lists --quit-after-load" || fail "designer --help: $(cat "$work/designer-help.out")"
if [[ -f ${examples[0]} ]]; then
    timeout 30 "$designer" --quit-after-load "${examples[0]}" >"$work/designer.out" 2>&1
    rc=$?
    ((rc == 0)) && pass "designer opened $(basename "${examples[0]}") headless" \
        || fail "designer on $(basename "${examples[0]}") exited $rc: $(cat "$work/designer.out")"
    S3RD_QUIT_AFTER_LOAD=1 timeout 30 "$designer" "${examples[0]}" >"$work/designer-env.out" 2>&1
    rc=$?
    ((rc == 0)) && pass "designer with S3RD_QUIT_AFTER_LOAD=1 exits after loading" \
        || fail "designer with S3RD_QUIT_AFTER_LOAD=1 exited $rc: $(cat "$work/designer-env.out")"
fi
# A file that does not load must make the check fail, or the check above proves nothing.
printf '{ "format": "s3rd-design", "buckets": [ }\n' >"$work/broken.s3rd.json"
timeout 30 "$designer" --quit-after-load "$work/broken.s3rd.json" >"$work/designer-broken.out" 2>&1
rc=$?
((rc != 0 && rc != 124)) && pass "designer reports a broken design (exit $rc)" \
    || fail "designer on a broken design exited $rc"

# --- Desktop entry, MIME type, metainfo ----------------------------------------------------------
desktop=$share/applications/$app_id.desktop
if out=$(desktop-file-validate "$desktop" 2>&1) && [[ -z $out ]]; then
    pass "desktop-file-validate"
else
    fail "desktop-file-validate: $out"
fi
grep -qx "Exec=s3-replication-designer %F" "$desktop" || fail ".desktop Exec is not 's3-replication-designer %F'"
grep -qx "MimeType=$mime_type;" "$desktop" || fail ".desktop MimeType is not $mime_type"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[[ -f $share/icons/hicolor/scalable/apps/$icon.svg ]] || fail ".desktop Icon=$icon is not installed"

metainfo=$share/metainfo/$app_id.metainfo.xml
if out=$(appstreamcli validate --no-net "$metainfo" 2>&1); then
    pass "appstreamcli validate --no-net"
else
    fail "appstreamcli validate --no-net: $out"
fi
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
    || fail "metainfo launchable does not name $app_id.desktop"
grep -q "<release version=\"$version\"" "$metainfo" || fail "metainfo has no release $version"

mime_xml=$share/mime/packages/$app_id.xml
if command -v xmllint >/dev/null; then
    out=$(xmllint --noout "$mime_xml" 2>&1) && pass "xmllint MIME XML" || fail "xmllint: $out"
else
    echo "note: xmllint not installed; the MIME XML is checked by update-mime-database only"
fi
if command -v update-mime-database >/dev/null; then
    # Build the MIME cache of the scratch prefix, as the package's trigger does in /usr/share/mime.
    if out=$(update-mime-database "$share/mime" 2>&1); then
        grep -qx "60:$mime_type:\*.s3rd.json" "$share/mime/globs2" \
            && pass "update-mime-database: *.s3rd.json is $mime_type" \
            || fail "globs2 lacks *.s3rd.json -> $mime_type: $(cat "$share/mime/globs2")"
        grep -qx "$mime_type:application-x-s3rd-design" "$share/mime/icons" \
            || fail "MIME icon application-x-s3rd-design not registered"
    else
        fail "update-mime-database: $out"
    fi
else
    echo "note: update-mime-database not installed; MIME cache not checked"
fi

# --- Man pages --------------------------------------------------------------------------------
commands=$("$s3rd" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' | grep -vx help)
[[ -n $commands ]] || fail "s3rd --help lists no commands"
for c in $commands; do
    grep -qx ".SS $c" "$share/man/man1/s3rd.1" || fail "s3rd.1 does not document '$c'"
done
if command -v groff >/dev/null; then
    for page in s3rd.1 s3-replication-designer.1; do
        out=$(groff -man -Tutf8 -ww -z "$share/man/man1/$page" 2>&1)
        [[ -z $out ]] && pass "groff renders $page without warnings" || fail "groff $page: $out"
    done
fi

# --- Bash completion -----------------------------------------------------------------------------
# Completes as bash would, with the installed s3rd first on PATH.
complete_words() {
    PATH=$prefix/bin:$PATH bash -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _s3rd
        printf "%s\n" "${COMPREPLY[@]}"' _ "$share/bash-completion/completions/s3rd" "$@"
}
got=$(complete_words s3rd "")
for c in $commands help --version; do
    grep -qx -- "$c" <<<"$got" || fail "completion of 's3rd ' lacks $c"
done
if grep -qx simulate <<<"$commands"; then
    got=$(complete_words s3rd simulate --b)
    grep -qx -- --bucket <<<"$got" || fail "completion of 's3rd simulate --b' lacks --bucket: $got"
    got=$(complete_words s3rd simulate x.s3rd.json --format "")
    [[ $(sort <<<"$got" | tr '\n' ' ') == "json text " ]] \
        || fail "completion of 's3rd simulate --format' gave: $got"
fi
got=$(complete_words s3rd check x.s3rd.json --fix --rule kms-key-)
grep -qx kms-key-state-invalid <<<"$got" \
    || fail "completion of 's3rd check --rule kms-key-' lacks kms-key-state-invalid: $got"
got=$(cd "$(dirname "${examples[0]}")" && complete_words s3rd check "")
grep -qx "$(basename "${examples[0]}")" <<<"$got" || fail "completion of 's3rd check ' lacks the designs: $got"
pass "bash completion checked"

# --- The .deb ------------------------------------------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libqt6svg6 libzip4 libstdc++6; do
    grep -q "$lib" <<<"$depends" || fail ".deb Depends lacks $lib (dpkg-shlibdeps): $depends"
done
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail ".deb Version is not $version"
[[ -n $(dpkg-deb -f "$deb" Maintainer) && -n $(dpkg-deb -f "$deb" Section) ]] \
    || fail ".deb lacks Maintainer or Section"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/s3rd ./usr/bin/s3-replication-designer ./usr/share/applications/$app_id.desktop \
    ./usr/share/mime/packages/$app_id.xml ./usr/share/man/man1/s3rd.1; do
    grep -q " $f\$" <<<"$contents" || fail ".deb does not contain $f"
done
pass ".deb: Depends: $depends"

if ((failures)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all packaging checks passed"
