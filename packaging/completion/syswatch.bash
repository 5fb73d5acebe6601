# SPDX-License-Identifier: GPL-2.0-only
# bash completion for syswatch(1)
#
# Every word offered comes from the syswatch binary being completed (the
# first word of the line, so ./build/syswatch completes too): its commands,
# syscall names, classes, engines, bench workloads and modes and built-in
# rules from `syswatch --complete WHAT`, each command's options from its
# --help. Nothing here has to change when syswatch gains an option.

# The options of a --help text, one "OPTION<TAB>ARGUMENT" a line (ARGUMENT
# empty for a flag): the option column of the lines starting with a dash,
# and the [-x ARG] items of the usage lines (where the option column does not
# describe the option).
_syswatch_options()
{
	"$1" ${2:+"$2"} --help 2>/dev/null | awk '
	function emit(spec, weak,    n, w, k, opts, arg, o, m, i) {
		n = split(spec, w, / +/); opts = ""; arg = ""
		for (k = 1; k <= n; k++) {
			if (w[k] ~ /^-/) {
				m = split(w[k], o, "/")
				for (i = 1; i <= m; i++) {
					sub(/,$/, "", o[i]); sub(/\[=.*/, "", o[i])
					if (o[i] ~ /^--?[A-Za-z0-9][-A-Za-z0-9]*$/) opts = opts " " o[i]
				}
			} else if (arg == "") arg = w[k]
		}
		m = split(opts, o, " ")
		for (i = 1; i <= m; i++)
			if (!weak || !(o[i] in args)) args[o[i]] = arg
	}
	/^usage:/ { usage = 1 }
	/^$/ { usage = 0 }
	usage {
		s = $0
		while (match(s, /\[-[^][]*(\[[^]]*\][^][]*)*\]/)) {
			emit(substr(s, RSTART + 1, RLENGTH - 2), 1); s = substr(s, RSTART + RLENGTH)
		}
		next
	}
	/^ {1,8}-/ {
		spec = $0; sub(/^ +/, "", spec)
		if ((i = index(spec, "  ")) > 0) spec = substr(spec, 1, i - 1)
		emit(spec, 0)
	}
	END { for (o in args) print o "\t" args[o] }' | sort
}

# COMPREPLY from WORDS for the last element of a comma-separated list CUR,
# keeping a leading "!" (negation in syscall sets).
_syswatch_list()
{
	[[ -n ${ZSH_VERSION-} ]] && setopt localoptions ksharrays
	local cur=$1 words=$2 head="" neg=""
	[[ $cur == *,* ]] && head=${cur%,*}, && cur=${cur##*,}
	[[ $cur == '!'* ]] && neg='!' && cur=${cur#!}
	local IFS=$'\n'
	COMPREPLY=($(compgen -P "$head$neg" -W "$words" -- "$cur"))
	compopt -o nospace 2>/dev/null
}

# COMPREPLY for the value of option OPT (SUB: "trace" in -e trace=VALUE)
# whose --help argument is ARG; CUR is the value typed so far.
_syswatch_value()
{
	[[ -n ${ZSH_VERSION-} ]] && setopt localoptions ksharrays
	local sw=$1 opt=$2 sub=$3 cur=$4 arg=$5
	case $opt:$sub in
	-e:trace | -e:)
		local q quals='trace= inject= fault= status= signal= quiet= raw= verbose= abbrev= read= write= decode-fds='
		for q in $quals; do
			if [[ -z $sub && $q == "$cur"* ]]; then
				COMPREPLY=($(compgen -W "$quals" -- "$cur"))
				compopt -o nospace 2>/dev/null
				return
			fi
		done
		_syswatch_list "$cur" "$("$sw" --complete syscalls; "$sw" --complete classes; echo all; echo none)"
		return
		;;
	-e:inject | --inject: | -e:fault | --fault:)
		local IFS=$'\n'
		COMPREPLY=($(compgen -S : -W "$("$sw" --complete syscalls)" -- "$cur"))
		compopt -o nospace 2>/dev/null
		return
		;;
	-e:decode-fds | --decode-fds:) _syswatch_list "$cur" $'path\nsocket\ndev\npidfd\nall\nnone'; return ;;
	--relative-timestamps: | --syscall-times:) COMPREPLY=($(compgen -W 's ms us ns' -- "$cur")); return ;;
	--absolute-timestamps:) _syswatch_list "$cur" $'time\nunix\nnone\ns\nms\nus\nns'; return ;;
	--strings-in-hex:) COMPREPLY=($(compgen -W 'non-ascii-chars non-ascii all' -- "$cur")); return ;;
	--engine:) COMPREPLY=($(compgen -W "$("$sw" --complete engines)" -- "$cur")); return ;;
	--workload:) _syswatch_list "$cur" "$("$sw" --complete workloads)"; return ;;
	--modes:) _syswatch_list "$cur" "$("$sw" --complete modes)"; return ;;
	--exclude:) _syswatch_list "$cur" "$("$sw" --complete syscalls; "$sw" --complete classes)"; return ;;
	--rule:|--rules:|--builtin-rules:) _syswatch_list "$cur" "$("$sw" --complete rules)"; return ;;
	-p:)
		_syswatch_list "$cur" "$(cd /proc && printf '%s\n' [0-9]*)"
		return
		;;
	--uid:) COMPREPLY=($(compgen -u -- "$cur")); return ;;
	--comm:) COMPREPLY=($(compgen -W "$(cat /proc/[0-9]*/comm 2>/dev/null | sort -u)" -- "$cur")); return ;;
	esac
	case $arg in
	FILE | F | F.* | FILE.* | DIR)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	*'|'*)
		# literal choices (--sort time|calls|...), metavariables left out
		COMPREPLY=($(compgen -W "$(tr '|' '\n' <<<"$arg" | grep -v '^[A-Z]')" -- "$cur"))
		;;
	esac
}

_syswatch()
{
	# zsh (bashcompinit, see _syswatch): arrays counted from 0 as in bash
	[[ -n ${ZSH_VERSION-} ]] && setopt localoptions ksharrays
	local sw=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} cword=$COMP_CWORD
	local cmd="" i
	COMPREPLY=()
	for ((i = 1; i < cword; i++)); do
		case ${COMP_WORDS[i]} in
		--)
			# the command syswatch runs: its name, then its own arguments
			if ((cword == i + 1)); then
				COMPREPLY=($(compgen -c -- "$cur"))
			else
				compopt -o bashdefault -o default 2>/dev/null
			fi
			return
			;;
		-*) ;;
		*) [[ -z $cmd && ${COMP_WORDS[i - 1]} != "=" ]] && cmd=${COMP_WORDS[i]} ;;
		esac
	done
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(_syswatch_options "$sw" | cut -f1)" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$sw" --complete commands 2>/dev/null)" -- "$cur"))
		fi
		return
	fi

	# The option whose value is being typed: "--opt VALUE", "--opt=VALUE",
	# "-e trace=VALUE" (bash splits words at "=").
	local opt=${COMP_WORDS[cword - 1]} sub="" pre=""
	if [[ $opt == "=" ]]; then
		opt=${COMP_WORDS[cword - 2]}
		if [[ $opt != -* ]]; then
			sub=$opt opt=${COMP_WORDS[cword - 3]}
		fi
	elif [[ $cur == "=" ]]; then
		opt=${COMP_WORDS[cword - 1]} cur=""
		[[ $opt != -* ]] && sub=$opt opt=${COMP_WORDS[cword - 2]}
	elif [[ $cur == *=* ]]; then
		# not split at "=" (zsh, or COMP_WORDBREAKS without "="): the
		# replies must carry what comes before the value
		pre=${cur%%=*}=
		if [[ $cur == -* ]]; then opt=${cur%%=*}; else sub=${cur%%=*}; fi
		cur=${cur#*=}
	fi
	local table arg
	table=$(_syswatch_options "$sw" "$cmd")
	if [[ $opt == -* ]] && arg=$(awk -F '\t' -v o="$opt" '$1 == o { print $2; exit }' <<<"$table") && [[ -n $arg ]]; then
		_syswatch_value "$sw" "$opt" "$sub" "$cur" "$arg"
		[[ -n $pre ]] && COMPREPLY=("${COMPREPLY[@]/#/$pre}")
		return
	fi
	# "--" where the command takes one ("-- CMD" in its usage)
	local dd=""
	"$sw" "$cmd" --help 2>/dev/null | grep -q -e '-- CMD' && dd=--
	COMPREPLY=($(compgen -W "$(cut -f1 <<<"$table") $dd" -- "$cur"))
} &&
	complete -F _syswatch syswatch
