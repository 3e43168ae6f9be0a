"""Which release of the code is running."""


def git_commit(folder):
    """The commit checked out in ``folder`` (a Path), if it is a git working copy; "" if not."""
    git = folder / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head.removeprefix("ref: ")
        if (git / ref).exists():
            return (git / ref).read_text().strip()[:12]
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(f" {ref}"):
                return line[:12]
    except OSError:
        pass
    return ""
