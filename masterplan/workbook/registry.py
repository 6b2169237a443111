"""The registry of workbook sheets: apps register their Sheet classes from AppConfig.ready()."""

INFO_TITLE = "Info"
_FORBIDDEN_IN_TITLES = set(":\\/?*[]")

_registry = {}


def register(*sheet_classes):
    """Register Sheet subclasses (usable as a class decorator). Registering a key again replaces
    the earlier sheet, so re-running an app's ready() is harmless."""
    for sheet_class in sheet_classes:
        sheet = sheet_class()
        title = sheet.title
        if not sheet.key:
            raise ValueError(f"{sheet_class.__name__} has no key")
        if not title or len(title) > 31 or set(title) & _FORBIDDEN_IN_TITLES:
            raise ValueError(f"Sheet title {title!r} must be 1-31 characters without : \\ / ? * [ ]")
        if not sheet.group:
            raise ValueError(f"{sheet_class.__name__} has no group (the workbook page lists it "
                             "under its group)")
        if title.casefold() == INFO_TITLE.casefold():
            raise ValueError(f"Sheet title {title!r} is reserved")
        for other in _registry.values():
            if other.key != sheet.key and other.title.casefold() == title.casefold():
                raise ValueError(f"Sheet title {title!r} is already used by {other.key}")
        _registry[sheet.key] = sheet
    return sheet_classes[0] if sheet_classes else None


def unregister(key):
    _registry.pop(key, None)


def registered_sheets():
    """Every registered sheet (instances), in workbook order."""
    return sorted(_registry.values(), key=lambda sheet: (sheet.order, sheet.key))


def sheets_for(masterplan, ctx):
    """The registered sheets the masterplan's workbook has, in order."""
    return [sheet for sheet in registered_sheets() if sheet.applies_to(masterplan, ctx)]


def grouped(sheets):
    """[(group, [sheet, ...])] of `sheets` in their order, consecutive sheets of a group together:
    what the workbook page lists."""
    groups = []
    for sheet in sheets:
        if groups and groups[-1][0] == sheet.group:
            groups[-1][1].append(sheet)
        else:
            groups.append((sheet.group, [sheet]))
    return groups
