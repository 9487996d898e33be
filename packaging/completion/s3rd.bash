# bash completion for s3rd, the command line of S3 Replication Designer.
#
# The commands, their options and the choices of an option are read from s3rd's own help
# ("s3rd --help", "s3rd help COMMAND"), so completion always matches the installed program.

_s3rd_commands()
{
    "$1" --help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p'
}

# Completes file names matching an extension (and directories); "" for any file.
_s3rd_files()
{
    compopt -o filenames 2>/dev/null
    if declare -F _filedir >/dev/null; then
        _filedir "$1"
        return
    fi
    local IFS=$'\n'
    if [[ -n $1 ]]; then
        COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X "!*.$1" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

_s3rd()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]}
    COMPREPLY=()

    # The command is the first word that is not an option.
    local cmd='' i
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} != -* ]]; then
            cmd=${COMP_WORDS[i]}
            break
        fi
    done

    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "$(_s3rd_commands "$prog") --help --version" -- "$cur"))
        return
    fi
    if [[ $cmd == help ]]; then
        if ((COMP_CWORD == i + 1)); then
            COMPREPLY=($(compgen -W "$(_s3rd_commands "$prog")" -- "$cur"))
        fi
        return
    fi

    # lab: first its action; then lab ids (after "start" and for --lab), read from the
    # installed labs; grade takes designs, like the other commands.
    if [[ $cmd == lab && $cur != -* ]]; then
        local action='' j
        for ((j = i + 1; j < COMP_CWORD; j++)); do
            if [[ ${COMP_WORDS[j]} != -* && ${COMP_WORDS[j - 1]} != --* ]]; then
                action=${COMP_WORDS[j]}
                break
            fi
        done
        if [[ -z $action ]]; then
            COMPREPLY=($(compgen -W "list start grade" -- "$cur"))
            return
        fi
        if [[ $prev == --lab || ($action == start && $prev != --*) ]]; then
            COMPREPLY=($(compgen -W "$("$prog" lab list 2>/dev/null | awk '{ print $1 }')" \
                -- "$cur"))
            return
        fi
    fi

    local usage
    usage=$("$prog" help "$cmd" 2>/dev/null) || return

    # The synopsis (up to the first blank line) and the option list ("  --opt V   ...") are
    # where the usage names the options; other mentions are prose.
    local synopsis options
    synopsis=$(sed '/^$/q' <<<"$usage")
    options=$( (grep -oE -- '--[a-z][a-z0-9-]*' <<<"$synopsis"
        grep -oE -- '^ +--[a-z][a-z0-9-]*' <<<"$usage" | tr -d ' ') | sort -u)

    # The value of an option, as the usage shows it: "--format text|json" lists the choices
    # ("sse-kms[:KEY]" offers "sse-kms"); a placeholder such as FORMAT offers the names listed
    # under "Formats:"; DIR completes directories, FILE and PATH files; other placeholders (NAME,
    # KEY, ...) are free text.
    if [[ $prev == --?* && $cur != -* ]] && grep -qx -- "$prev" <<<"$options"; then
        local spec
        spec=$(grep -oE -- "${prev}[ =][^ ,]+" <<<"$synopsis" | head -n 1)
        [[ -n $spec ]] || spec=$(grep -oE -- "^ +${prev}[ =][^ ,]+" <<<"$usage" | head -n 1)
        spec=${spec#"${spec%%[! ]*}"}
        spec=$(sed -e "s/^${prev}.//" -e 's/\[[:=][^]]*\]//g' -e 's/[][]//g' <<<"$spec")
        if [[ -n $spec ]]; then
            local heading
            heading="${spec:0:1}$(tr '[:upper:]' '[:lower:]' <<<"${spec:1}")s:"
            case $spec in
            *[a-z]*'|'*) COMPREPLY=($(compgen -W "${spec//|/ }" -- "$cur")) ;;
            DIR | DIRECTORY)
                compopt -o filenames 2>/dev/null
                COMPREPLY=($(compgen -d -- "$cur"))
                ;;
            FILE* | PATH | OUT | OUTPUT) _s3rd_files '' ;;
            *)
                local names
                names=$(awk -v h="$heading" '$0 == h { f = 1; next } f && /^$/ { exit }
                    f && /^  [a-z]/ { sub(/^  /, ""); sub(/  .*/, ""); gsub(/,/, " "); print }' \
                    <<<"$usage")
                [[ -n $names ]] && COMPREPLY=($(compgen -W "$names" -- "$cur"))
                ;;
            esac
            return
        fi
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
        return
    fi

    # Positional arguments are designs, except for import, which reads other formats.
    if [[ $cmd == import ]]; then
        _s3rd_files ''
    else
        _s3rd_files 's3rd.json'
    fi
}

complete -F _s3rd s3rd
