complete --keep-order --exclusive --command tix --arguments "(TIX_COMPLETE=fish tix -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
