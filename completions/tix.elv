
set edit:completion:arg-completer[tix] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) TIX_COMPLETE="elvish" tix -- $@words) | to-lines
}

